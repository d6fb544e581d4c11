import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { DomainError, notFound } from '../errors';
import { afterCursor, decodeCursor, toPage } from '../pagination';
import { requestSync } from './request-sync';
import type { SyncProgress } from './run-sync';

async function integrationOf(scope: OrgScope, integrationId: string) {
  const row = await scope.db.integration.findFirst({
    where: { id: integrationId, orgId: scope.orgId },
    select: { id: true, status: true, lastSyncedAt: true },
  });
  if (!row) throw notFound('Integration');
  return row;
}

const runSelect = {
  id: true,
  trigger: true,
  status: true,
  progress: true,
  requests: true,
  retries: true,
  rateLimited: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
} as const;

function present<T extends { progress: unknown }>({
  progress,
  ...rest
}: T): Omit<T, 'progress'> & { progress: SyncProgress } {
  return { ...rest, progress: (progress ?? {}) as SyncProgress };
}

/** "Sync now" (admins). Returns the run already queued or running instead of starting a second. */
export async function syncNow(scope: OrgScope, integrationId: string) {
  requireRole(scope, 'admin', 'sync Kommo');
  const integration = await integrationOf(scope, integrationId);
  if (integration.status !== 'connected') {
    throw new DomainError('CONFLICT', 'This Kommo account is not connected. Reconnect it first.');
  }
  const result = await requestSync(scope.db, { integrationId, trigger: 'manual' });
  return result!;
}

/** The run in progress (if any), the latest finished one, and when the mirror was last refreshed. */
export async function syncStatus(scope: OrgScope, integrationId: string) {
  const integration = await integrationOf(scope, integrationId);
  const [active, last] = await Promise.all([
    scope.db.syncRun.findFirst({
      where: { integrationId, status: { in: ['queued', 'running'] } },
      orderBy: { createdAt: 'desc' },
      select: runSelect,
    }),
    scope.db.syncRun.findFirst({
      where: { integrationId, status: { notIn: ['queued', 'running'] } },
      orderBy: { createdAt: 'desc' },
      select: runSelect,
    }),
  ]);
  return {
    active: active && present(active),
    last: last && present(last),
    lastSyncedAt: integration.lastSyncedAt,
  };
}

export async function listSyncRuns(
  scope: OrgScope,
  input: { integrationId: string; cursor?: string | null; limit: number },
) {
  await integrationOf(scope, input.integrationId);
  const rows = await scope.db.syncRun.findMany({
    where: {
      integrationId: input.integrationId,
      orgId: scope.orgId,
      ...afterCursor(decodeCursor(input.cursor)),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: runSelect,
  });
  const page = toPage(rows, input.limit);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}
