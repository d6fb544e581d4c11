import type { OrgScope } from '../context';
import { DomainError } from '../errors';
import type { ActivityEntry } from './activity-entry';
import type { ActivityHub, ActivityNotice } from './activity-hub';
import { activityAfter, latestActivityId } from './activity-queries';

const CATCH_UP_PAGE = 200;
/** How often an open stream re-checks that its session still works in the organisation. */
const ACCESS_RECHECK_MS = 60_000;

async function stillAllowed(scope: OrgScope, sessionId: string): Promise<boolean> {
  const rows = await scope.db.$queryRaw<unknown[]>`
    SELECT 1 FROM sessions s
      JOIN memberships m ON m.user_id = s.user_id AND m.org_id = s.active_org_id
     WHERE s.id = ${sessionId} AND s.user_id = ${scope.userId}::uuid
       AND s.active_org_id = ${scope.orgId}::uuid AND s.expires_at > now()`;
  return rows.length > 0;
}

/**
 * New entries of the caller's organisation, oldest first, for as long as `signal` is open.
 *
 * Without `lastEventId` it starts at the organisation's newest entry; with it, it first replays
 * every entry after that id from the table. It registers with the hub *before* reading the table,
 * so an entry committed meanwhile is either read or announced — and since ids grow in commit order
 * per organisation (see recordActivity), "id > last seen" both skips duplicates and finds
 * everything missed. The same catch-up runs whenever the hub's LISTEN connection was re-made.
 *
 * Access is checked by the caller at subscribe time; the stream re-checks its session and
 * membership every minute and when a membership entry names its user, and ends with an error
 * once they no longer hold.
 */
export async function* streamActivity(options: {
  scope: OrgScope;
  hub: ActivityHub;
  sessionId: string;
  lastEventId?: string | null | undefined;
  signal?: AbortSignal | undefined;
  recheckMs?: number;
}): AsyncGenerator<ActivityEntry> {
  const { scope, hub, signal } = options;
  const queue: ActivityNotice[] = [];
  let catchUp = options.lastEventId != null;
  let recheck = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const unsubscribe = hub.subscribe(scope.orgId, {
    onNotice(notice) {
      queue.push(notice);
      poke();
    },
    onGap() {
      catchUp = true;
      poke();
    },
  });
  const timer = setInterval(() => {
    recheck = true;
    poke();
  }, options.recheckMs ?? ACCESS_RECHECK_MS);
  signal?.addEventListener('abort', poke);

  try {
    let last = BigInt(options.lastEventId ?? (await latestActivityId(scope.db, scope.orgId)) ?? 0);
    while (!signal?.aborted) {
      if (recheck) {
        recheck = false;
        if (!(await stillAllowed(scope, options.sessionId))) {
          throw new DomainError('FORBIDDEN', 'You no longer have access to this organisation.');
        }
      }
      if (catchUp) {
        catchUp = false;
        for (;;) {
          const page = await activityAfter(scope.db, {
            orgId: scope.orgId,
            afterId: String(last),
            limit: CATCH_UP_PAGE,
          });
          for (const entry of page) {
            last = BigInt(entry.id);
            yield entry;
          }
          if (page.length < CATCH_UP_PAGE || signal?.aborted) break;
        }
      }
      while (queue.length && !catchUp) {
        const notice = queue.shift()!;
        if (BigInt(notice.id) <= last) continue; // already delivered (by a catch-up)
        if (!notice.entry) {
          catchUp = true; // announced by id only: read it (and anything after) from the table
          break;
        }
        last = BigInt(notice.id);
        if (notice.entry.subject?.type === 'member' && notice.entry.subject.id === scope.userId)
          recheck = true;
        yield notice.entry;
      }
      if (catchUp || recheck || queue.length) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (signal?.aborted) resolve();
      });
    }
  } finally {
    unsubscribe();
    clearInterval(timer);
    signal?.removeEventListener('abort', poke);
  }
}
