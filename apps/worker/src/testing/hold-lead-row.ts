import pg from 'pg';
import type { Db } from '@leadpilot/db/client';

/**
 * Locks a lead's mirror row from a connection of the test's own, so that the worker's round that
 * moves that lead waits inside its transaction: whatever happens next (a SIGKILL, a database
 * shutdown) lands in the middle of a batch, deterministically.
 */
export async function holdLeadRow(url: string, integrationId: string, leadKommoId: number) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // a database shutdown ends this connection too
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]!.pid;
  await client.query('BEGIN');
  await client.query(
    'SELECT 1 FROM kommo_leads WHERE integration_id = $1::uuid AND kommo_id = $2 FOR UPDATE',
    [integrationId, leadKommoId],
  );
  return {
    /**
     * The transaction waiting for this lock (its backend pid), and the deliveries it has claimed:
     * pending rows whose lock (xmax) is its transaction id.
     */
    async waiter(db: Db) {
      const [blocked] = await db.$queryRaw<{ pid: number; xid: string }[]>`
        SELECT pid, backend_xid::text AS xid FROM pg_stat_activity
         WHERE ${pid}::int = ANY (pg_blocking_pids(pid))`;
      if (!blocked) return undefined;
      const claimed = await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM webhook_deliveries
         WHERE integration_id = ${integrationId}::uuid AND status = 'pending'
           AND xmax::text = ${blocked.xid}`;
      return { pid: blocked.pid, claimed: claimed.map((c) => c.id) };
    },
    async release() {
      await client.query('ROLLBACK').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
