import type { Db } from '@leadpilot/db/client';
import type { PgPool } from '@leadpilot/db/pool';
import type { ActivityHub } from '@leadpilot/domain/activity/activity-hub';
import type { Auth } from '@leadpilot/domain/auth/lucia';
import type { SecretBox } from '@leadpilot/domain/crypto/secret-box';
import type { KommoConfig } from '@leadpilot/domain/integrations/kommo-config';
import type { Session, User } from 'lucia';

/** Reads the request's cookies and collects Set-Cookie headers for the response. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(serialized: string): void;
}

export interface ApiDeps {
  db: Db;
  /**
   * A small plain-pg pool for what every request pays: the session lookup and the hottest reads
   * (the activity feed). Prisma costs ~1 ms of CPU per query more.
   */
  pg: PgPool;
  auth: Auth;
  /** Encrypts secrets at rest (Kommo tokens, webhook secrets). */
  box: SecretBox;
  kommo: KommoConfig;
  /** This process's fan-out of new activity-feed entries (one LISTEN connection). */
  activity: ActivityHub;
}

export interface RequestInfo {
  cookies: CookieJar;
  /** Client address (from X-Forwarded-For only when the proxy is trusted). */
  ip: string;
  requestId: string;
}

export interface Context extends ApiDeps, RequestInfo {
  session: Session | null;
  user: User | null;
}

/**
 * Validates the session cookie once per HTTP request (a tRPC batch shares it). A session Lucia
 * extended (sliding expiry) gets a fresh cookie; an unknown or expired one is cleared.
 */
export async function createContext(deps: ApiDeps, request: RequestInfo): Promise<Context> {
  return { ...deps, ...request, ...(await readSession(deps.auth, request.cookies)) };
}

/** Also used by plain HTTP routes that need the signed-in user (the OAuth callback). */
export async function readSession(
  auth: Auth,
  cookies: CookieJar,
): Promise<{ session: Session | null; user: User | null }> {
  const sessionId = cookies.get(auth.sessionCookieName);
  if (!sessionId) return { session: null, user: null };
  const { session, user } = await auth.validateSession(sessionId);
  if (!session) cookies.set(auth.createBlankSessionCookie().serialize());
  else if (session.fresh) cookies.set(auth.createSessionCookie(session.id).serialize());
  return { session, user };
}
