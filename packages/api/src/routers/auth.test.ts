import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { codeOf } from '../testing/errors';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('auth', () => {
  it('signs up: creates the organisation with the user as owner and starts a session', async () => {
    const c = h.client();
    const me = await c.call((api) =>
      api.auth.signUp({
        email: '  Lead@Example.COM ',
        password: 'long enough pw',
        name: 'Lea',
        orgName: 'Acme Sales',
      }),
    );
    expect(me.user.email).toBe('lead@example.com');
    expect(me.activeOrg).toMatchObject({ name: 'Acme Sales', role: 'owner' });
    expect(c.cookie()).toBeTruthy();
    expect(await c.call((api) => api.auth.me())).toMatchObject({ user: { name: 'Lea' } });
    const stored = await h.db.user.findUniqueOrThrow({ where: { email: 'lead@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a short password with a clear field error', async () => {
    const error = await h
      .client()
      .call((api) =>
        api.auth.signUp({ email: 'short@example.com', password: 'short', name: 'S', orgName: 'O' }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect(await h.db.user.count({ where: { email: 'short@example.com' } })).toBe(0);
  });

  it('refuses a second account with the same email', async () => {
    const alice = await h.signUp();
    expect(
      await codeOf(
        h.client().call((api) =>
          api.auth.signUp({
            email: alice.email,
            password: 'another long pw',
            name: 'X',
            orgName: 'Y',
          }),
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('signs in with the right password only, and answers null to me() when signed out', async () => {
    const alice = await h.signUp();
    const c = h.client();
    expect(await c.call((api) => api.auth.me())).toBeNull();
    expect(
      await codeOf(
        c.call((api) => api.auth.signIn({ email: alice.email, password: 'wrong password' })),
      ),
    ).toBe('UNAUTHORIZED');
    expect(
      await codeOf(
        c.call((api) => api.auth.signIn({ email: 'nobody@example.com', password: 'whatever pw' })),
      ),
    ).toBe('UNAUTHORIZED');
    const me = await c.call((api) =>
      api.auth.signIn({ email: alice.email.toUpperCase(), password: alice.password }),
    );
    expect(me.activeOrg?.role).toBe('owner');
  });

  it('throttles repeated failures for one email, even with the right password, and says so', async () => {
    const bob = await h.signUp();
    const c = h.client({ ip: '10.0.0.7' });
    for (let i = 0; i < 5; i++) {
      expect(
        await codeOf(
          c.call((api) => api.auth.signIn({ email: bob.email, password: `wrong ${i}` })),
        ),
      ).toBe('UNAUTHORIZED');
    }
    const error = (await c
      .call((api) => api.auth.signIn({ email: bob.email, password: bob.password }))
      .catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/too many failed sign-in attempts/i);
  });

  it('throttles one IP guessing across many emails', async () => {
    const c = h.client({ ip: '10.9.9.9' });
    for (let i = 0; i < 20; i++) {
      await codeOf(
        c.call((api) => api.auth.signIn({ email: `guess${i}@example.com`, password: 'nope nope' })),
      );
    }
    expect(
      await codeOf(
        c.call((api) => api.auth.signIn({ email: 'fresh@example.com', password: 'nope nope' })),
      ),
    ).toBe('TOO_MANY_REQUESTS');
  });

  it('sign-out invalidates the session; the old cookie no longer works', async () => {
    const alice = await h.signUp();
    const cookie = alice.cookie();
    await alice.call((api) => api.auth.signOut());
    expect(alice.cookie()).toBeUndefined();
    const replay = h.client();
    replay.setCookie(cookie);
    expect(await replay.call((api) => api.auth.me())).toBeNull();
    expect(await codeOf(replay.call((api) => api.agents.list({})))).toBe('UNAUTHORIZED');
  });

  it('"sign out everywhere" ends every session of the user', async () => {
    const alice = await h.signUp();
    const laptop = h.client();
    await laptop.call((api) => api.auth.signIn({ email: alice.email, password: alice.password }));
    await alice.call((api) => api.auth.signOutEverywhere());
    expect(await laptop.call((api) => api.auth.me())).toBeNull();
    expect(await h.db.session.count({ where: { user: { email: alice.email } } })).toBe(0);
  });

  it('stores the interface language on the user', async () => {
    const alice = await h.signUp();
    const me = await alice.call((api) => api.auth.updateProfile({ locale: 'ru' }));
    expect(me.user.locale).toBe('ru');
    const again = h.client();
    expect(
      (await again.call((api) => api.auth.signIn({ email: alice.email, password: alice.password })))
        .user.locale,
    ).toBe('ru');
  });

  it('extends a session used in its second half (sliding expiry) and re-sends the cookie', async () => {
    const alice = await h.signUp();
    const id = alice.cookie()!;
    await h.db.session.update({
      where: { id },
      data: { expiresAt: new Date(Date.now() + 5 * 86_400_000) },
    });
    await alice.call((api) => api.auth.me());
    const session = await h.db.session.findUniqueOrThrow({ where: { id } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});
