import type { Db } from '@leadpilot/db/client';
import { THROTTLE } from './sign-in';

/** Removes expired sessions and sign-in attempts that no longer count towards throttling. */
export async function cleanupAuth(db: Db): Promise<{ sessions: number; attempts: number }> {
  const now = new Date();
  const [sessions, attempts] = await Promise.all([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.signInAttempt.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - 2 * THROTTLE.windowMinutes * 60_000) } },
    }),
  ]);
  return { sessions: sessions.count, attempts: attempts.count };
}
