import type { Db } from '@leadpilot/db/client';
import { DomainError } from '../errors';
import { dummyPasswordHash, verifyPassword } from './password';

export const THROTTLE = {
  windowMinutes: 15,
  /** Failed attempts for one email within the window (since its last success). */
  maxPerEmail: 5,
  /** Failed attempts from one IP within the window, across emails. */
  maxPerIp: 20,
};

/**
 * Checks the password and throttles guessing. Attempts are rows in Postgres, so the limit holds
 * across server processes. The answer never says whether the email exists.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<{ userId: string }> {
  const since = new Date(Date.now() - THROTTLE.windowMinutes * 60_000);
  const lastSuccess = await db.signInAttempt.findFirst({
    where: { email: input.email, success: true, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const [emailFailures, ipFailures] = await Promise.all([
    db.signInAttempt.count({
      where: {
        email: input.email,
        success: false,
        createdAt: { gte: lastSuccess?.createdAt ?? since },
      },
    }),
    db.signInAttempt.count({ where: { ip: input.ip, success: false, createdAt: { gte: since } } }),
  ]);
  if (emailFailures >= THROTTLE.maxPerEmail || ipFailures >= THROTTLE.maxPerIp) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Too many failed sign-in attempts. Wait ${THROTTLE.windowMinutes} minutes and try again, or reset your password.`,
      { retryAfterSeconds: THROTTLE.windowMinutes * 60 },
    );
  }

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true },
  });
  const ok = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  const success = ok && user !== null;
  await db.signInAttempt.create({ data: { email: input.email, ip: input.ip, success } });
  if (!success) throw new DomainError('UNAUTHORIZED', 'Wrong email or password.');
  return { userId: user.id };
}

/** The active organisation a new session starts in: the one used most recently, else the first. */
export async function defaultOrgFor(db: Db, userId: string): Promise<string | null> {
  const recent = await db.session.findFirst({
    where: { userId, activeOrgId: { not: null } },
    orderBy: { createdAt: 'desc' },
    select: { activeOrgId: true },
  });
  if (recent?.activeOrgId) {
    const stillMember = await db.membership.findUnique({
      where: { orgId_userId: { orgId: recent.activeOrgId, userId } },
      select: { id: true },
    });
    if (stillMember) return recent.activeOrgId;
  }
  const first = await db.membership.findFirst({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { orgId: true },
  });
  return first?.orgId ?? null;
}
