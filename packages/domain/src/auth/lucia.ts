import { PrismaAdapter } from '@lucia-auth/adapter-prisma';
import type { Db } from '@leadpilot/db/client';
import { Lucia, TimeSpan } from 'lucia';
import type { Locale } from '@leadpilot/schemas/common';

export const SESSION_COOKIE = 'leadpilot_session';

/**
 * Sessions live in Postgres (table `sessions`) through Lucia's Prisma adapter. Lucia extends a
 * session by another 30 days when it is used in its second half (sliding expiry) and reports that
 * as `session.fresh`, so the cookie is re-sent. The cookie is HttpOnly and SameSite=Lax; Secure when
 * the app is served over https.
 */
export function createAuth(db: Db, options: { secureCookies: boolean }) {
  // The adapter is typed against Prisma 5's delegates; Prisma 7's have the same methods.
  const adapter = new PrismaAdapter(db.session as never, db.user as never);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      expires: true,
      attributes: { secure: options.secureCookies, sameSite: 'lax', path: '/' },
    },
    getSessionAttributes: (attributes) => ({ activeOrgId: attributes.activeOrgId }),
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
    DatabaseSessionAttributes: { activeOrgId: string | null };
    DatabaseUserAttributes: { email: string; name: string; locale: Locale };
  }
}
