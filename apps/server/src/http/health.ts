import type { Db } from '@leadpilot/db/client';
import { readMigrations } from '@leadpilot/db/migrate';

/**
 * `/readyz`: the database answers and every migration on disk is applied. Ready once, the
 * migration check is not repeated (files don't change under a running process).
 */
export function readiness(db: Db) {
  const expected = readMigrations().map((m) => m.name);
  let migrated = false;
  return async function check(): Promise<{ ok: boolean; reason?: string }> {
    try {
      if (migrated) {
        await db.$queryRaw`SELECT 1`;
        return { ok: true };
      }
      const rows = await db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = expected.filter((name) => !applied.has(name));
      if (pending.length) return { ok: false, reason: `pending migrations: ${pending.join(', ')}` };
      migrated = true;
      return { ok: true };
    } catch {
      return { ok: false, reason: 'database unreachable' };
    }
  };
}
