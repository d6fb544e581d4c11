import type { PgPool } from '@leadpilot/db/pool';
import { Lucia, TimeSpan } from 'lucia';
import type { Locale, Role } from '@leadpilot/schemas/common';
import { createSessionAdapter } from './session-adapter';

export const SESSION_COOKIE = 'leadpilot_session';

/**
 * Sessions live in Postgres (table `sessions`), read and written by our own adapter on a plain pg
 * pool (session-adapter.ts: one statement per request, with the active organisation's role). Lucia extends a
 * session by another 30 days when it is used in its second half (sliding expiry) and reports that
 * as `session.fresh`, so the cookie is re-sent. The cookie is HttpOnly and SameSite=Lax; Secure when
 * the app is served over https.
 */
export function createAuth(pool: PgPool, options: { secureCookies: boolean }) {
  return new Lucia(createSessionAdapter(pool), {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { secure: options.secureCookies, sameSite: 'lax', path: '/' },
    },
    getSessionAttributes: (attributes) => ({
      activeOrgId: attributes.activeOrgId,
      activeOrgRole: attributes.activeOrgRole ?? null,
    }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      locale: attributes.locale,
    }),
  });
}

export type Auth = ReturnType<typeof createAuth>;

declare module 'lucia' {
  interface Register {
    Lucia: Auth;
    DatabaseSessionAttributes: {
      activeOrgId: string | null;
      /** Read with the session (never stored): the user's role in `activeOrgId`, null when none. */
      activeOrgRole?: Role | null;
    };
    DatabaseUserAttributes: { email: string; name: string; locale: Locale };
  }
}
