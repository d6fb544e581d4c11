import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@leadpilot/db/client';
import { createPgPool, type PgPool } from '@leadpilot/db/pool';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createAuth } from './lucia';
import { createSessionAdapter } from './session-adapter';

let db: Db;
let pool: PgPool;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase(templateDatabaseUrl());
  ({ db, drop } = database);
  pool = createPgPool(database.url, { max: 2 });
});
afterAll(async () => {
  await pool.end();
  await drop();
});

async function userInOrg(role: 'owner' | 'admin' | 'member') {
  const n = Math.random().toString(36).slice(2);
  const user = await db.user.create({
    data: { email: `s-${n}@example.com`, name: `S ${n}`, passwordHash: 'x', locale: 'ru' },
  });
  const org = await db.organization.create({ data: { name: `Org ${n}` } });
  await db.membership.create({ data: { orgId: org.id, userId: user.id, role } });
  return { user, org };
}

describe('session adapter (plain SQL)', () => {
  it('reads the session, its user and the role in the active organisation in one statement', async () => {
    const { user, org } = await userInOrg('admin');
    const auth = createAuth(pool, { secureCookies: false });
    const created = await auth.createSession(user.id, { activeOrgId: org.id });
    const { session, user: read } = await auth.validateSession(created.id);
    expect(session).toMatchObject({
      id: created.id,
      userId: user.id,
      activeOrgId: org.id,
      activeOrgRole: 'admin',
      fresh: false,
    });
    expect(read).toMatchObject({ id: user.id, email: user.email, name: user.name, locale: 'ru' });

    // Removed from the organisation: the session stays, the role is gone (orgProcedure refuses).
    await db.membership.deleteMany({ where: { userId: user.id } });
    const after = await auth.validateSession(created.id);
    expect(after.session).toMatchObject({ activeOrgId: org.id, activeOrgRole: null });

    const none = await auth.createSession(user.id, { activeOrgId: null });
    expect((await auth.validateSession(none.id)).session?.activeOrgRole).toBeNull();
  });

  it('extends a session used in its second half, and forgets expired and invalidated ones', async () => {
    const { user, org } = await userInOrg('member');
    const auth = createAuth(pool, { secureCookies: false });
    const adapter = createSessionAdapter(pool);
    const s = await auth.createSession(user.id, { activeOrgId: org.id });

    const soon = new Date(Date.now() + 24 * 3600_000);
    await adapter.updateSessionExpiration(s.id, soon);
    const extended = await auth.validateSession(s.id);
    expect(extended.session?.fresh).toBe(true);
    expect(extended.session!.expiresAt.getTime()).toBeGreaterThan(soon.getTime());
    const [stored] = await adapter.getSessionAndUser(s.id);
    expect(stored!.expiresAt.getTime()).toBe(extended.session!.expiresAt.getTime());

    await adapter.updateSessionExpiration(s.id, new Date(Date.now() - 1000));
    expect((await auth.validateSession(s.id)).session).toBeNull(); // and Lucia deletes it
    expect(await adapter.getSessionAndUser(s.id)).toEqual([null, null]);

    const a = await auth.createSession(user.id, { activeOrgId: org.id });
    const b = await auth.createSession(user.id, { activeOrgId: null });
    expect((await auth.getUserSessions(user.id)).map((x) => x.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    await auth.invalidateSession(a.id);
    expect((await auth.getUserSessions(user.id)).map((x) => x.id)).toEqual([b.id]);
    await auth.invalidateUserSessions(user.id);
    expect(await auth.getUserSessions(user.id)).toEqual([]);

    const old = await auth.createSession(user.id, { activeOrgId: null });
    await adapter.updateSessionExpiration(old.id, new Date(Date.now() - 1000));
    await auth.deleteExpiredSessions();
    expect(await db.session.count({ where: { id: old.id } })).toBe(0);
  });
});
