import type { Db } from '@leadpilot/db/client';
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
  auth: Auth;
  /** Encrypts secrets at rest (Kommo tokens, webhook secrets). */
  box: SecretBox;
  kommo: KommoConfig;
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
  const sessionId = request.cookies.get(deps.auth.sessionCookieName);
  if (!sessionId) return { ...deps, ...request, session: null, user: null };
  const { session, user } = await deps.auth.validateSession(sessionId);
  if (!session) request.cookies.set(deps.auth.createBlankSessionCookie().serialize());
  else if (session.fresh)
    request.cookies.set(deps.auth.createSessionCookie(session.id).serialize());
  return { ...deps, ...request, session, user };
}
