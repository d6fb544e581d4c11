import { refreshLeadFromKommo } from '@leadpilot/domain/kommo-events/refresh-lead';
import { defineTask } from '../define-task';

export const kommoLeadRefreshTask = defineTask(
  'kommoLeadRefresh',
  async ({ integrationId, leadId }, { db, box, kommo, pg }) => {
    const integration = await db.integration.findUnique({
      where: { id: integrationId },
      select: { status: true },
    });
    if (integration?.status !== 'connected') return; // reconnecting resyncs anyway
    await refreshLeadFromKommo({ db, box, kommo, pg }, integrationId, leadId);
  },
);
