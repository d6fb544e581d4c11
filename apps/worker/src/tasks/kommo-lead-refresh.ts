import {
  refreshRequestedLeads,
  requestLeadRefreshes,
} from '@leadpilot/domain/kommo-events/refresh-lead';
import { defineTask } from '../define-task';

/** Reads an integration's requested leads from Kommo, 100 per request (refresh-lead.ts). */
export const kommoLeadRefreshTask = defineTask(
  'kommoLeadRefresh',
  async ({ integrationId, leadId }, { db, box, kommo, pg, log }) => {
    const integration = await db.integration.findUnique({
      where: { id: integrationId },
      select: { status: true },
    });
    if (integration?.status !== 'connected') {
      // Reconnecting resyncs everything: the requests have nothing left to add.
      await db.kommoLeadRefresh.deleteMany({ where: { integrationId } });
      return;
    }
    if (leadId) await requestLeadRefreshes(db, integrationId, [leadId]);
    const read = await refreshRequestedLeads({ db, box, kommo, pg }, integrationId);
    log.debug({ integrationId, read }, 'leads read from Kommo');
  },
);
