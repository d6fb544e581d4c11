import type { Db } from '@leadpilot/db/client';
import { KommoNotFoundError } from '@leadpilot/kommo/errors';
import { kommoClientFor, type KommoDeps } from '../integrations/kommo-client';
import { bulkUpsert } from '../sync/bulk-upsert';
import { recordTable } from '../sync/records';

/**
 * Reads one lead from Kommo and mirrors it: for events too thin to mirror (the Digital-Pipeline
 * short form carries only ids and stages). A lead Kommo no longer has is marked removed.
 */
export async function refreshLeadFromKommo(
  deps: KommoDeps & { db: Db },
  integrationId: string,
  leadId: number,
): Promise<void> {
  const client = await kommoClientFor(deps, integrationId);
  const { table, columns, toRow } = recordTable('leads');
  const now = new Date();
  try {
    const lead = await client.getLead(leadId, { with: ['contacts'] });
    await bulkUpsert(deps.db, table, columns, integrationId, [toRow(lead as never)], now, {
      onlyIfNewer: true,
    });
  } catch (error) {
    if (!(error instanceof KommoNotFoundError)) throw error;
    await deps.db.kommoLead.updateMany({
      where: { integrationId, kommoId: leadId, removedAt: null },
      data: { removedAt: now },
    });
  }
}
