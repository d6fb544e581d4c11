import type { OrgScope } from '../context';
import { afterCursor, decodeCursor, toPage } from '../pagination';

const select = {
  id: true,
  kind: true,
  params: true,
  integrationId: true,
  subjectType: true,
  subjectId: true,
  readAt: true,
  createdAt: true,
} as const;

/** The caller's notifications in the active organisation, newest first (keyset-paged). */
export async function listNotifications(
  scope: OrgScope,
  input: { cursor?: string | null | undefined; limit: number; unreadOnly?: boolean | undefined },
) {
  const rows = await scope.db.notification.findMany({
    where: {
      orgId: scope.orgId,
      userId: scope.userId,
      ...(input.unreadOnly ? { readAt: null } : {}),
      ...afterCursor(decodeCursor(input.cursor)),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select,
  });
  return toPage(rows, input.limit);
}

export async function unreadNotificationCount(scope: OrgScope): Promise<number> {
  return scope.db.notification.count({
    where: { orgId: scope.orgId, userId: scope.userId, readAt: null },
  });
}

/** Marks some (or, without ids, all) of the caller's notifications read. */
export async function markNotificationsRead(
  scope: OrgScope,
  input: { ids?: string[] | undefined },
): Promise<{ marked: number }> {
  const { count } = await scope.db.notification.updateMany({
    where: {
      orgId: scope.orgId,
      userId: scope.userId,
      readAt: null,
      ...(input.ids ? { id: { in: input.ids } } : {}),
    },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
