import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, errorOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const tokenOf = (url: string) => url.split('/').pop()!;
const idOf = async (c: TestClient) => (await c.call((api) => api.auth.me()))!.user.id;

describe('invitations', () => {
  it('a second user accepts an invitation, joins with its role and sees the agents', async () => {
    const owner = await h.signUp({ orgName: 'Acme' });
    await owner.call((api) => api.agents.create({ name: 'Shared agent' }));
    const invite = await owner.call((api) =>
      api.members.invite({ role: 'admin', email: 'new@example.com' }),
    );
    expect(invite.url).toMatch(/^\/invite\/[\w-]{20,}$/);

    const info = await h
      .client()
      .call((api) => api.members.invitationInfo({ token: tokenOf(invite.url) }));
    expect(info).toMatchObject({ orgName: 'Acme', role: 'admin', status: 'pending' });

    const bob = await h.signUp({ orgName: 'Bob Co' });
    const joined = await bob.call((api) =>
      api.members.acceptInvitation({ token: tokenOf(invite.url) }),
    );
    expect(joined.orgName).toBe('Acme');
    const me = await bob.call((api) => api.auth.me());
    expect(me?.activeOrg).toMatchObject({ name: 'Acme', role: 'admin' });
    expect(me?.orgs.map((o) => o.name).sort()).toEqual(['Acme', 'Bob Co']);
    expect((await bob.call((api) => api.agents.list({}))).items.map((a) => a.name)).toEqual([
      'Shared agent',
    ]);

    // single use
    const carol = await h.signUp();
    expect(
      await codeOf(
        carol.call((api) => api.members.acceptInvitation({ token: tokenOf(invite.url) })),
      ),
    ).toBe('CONFLICT');
    expect(
      (await h.client().call((api) => api.members.invitationInfo({ token: tokenOf(invite.url) })))
        .status,
    ).toBe('used');
    // only the hash is stored
    expect(await h.db.invitation.count({ where: { tokenHash: tokenOf(invite.url) } })).toBe(0);
  });

  it('refuses expired and revoked links with a clear message', async () => {
    const owner = await h.signUp();
    const expired = await owner.call((api) => api.members.invite({ role: 'member' }));
    await h.db.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await owner.call((api) => api.members.invite({ role: 'member' }));
    await owner.call((api) => api.members.revokeInvitation({ id: revoked.id }));
    expect((await owner.call((api) => api.members.invitations())).map((i) => i.id)).not.toContain(
      revoked.id,
    );

    const bob = await h.signUp();
    expect(
      (
        await errorOf(
          bob.call((api) => api.members.acceptInvitation({ token: tokenOf(expired.url) })),
        )
      ).message,
    ).toMatch(/expired/);
    expect(
      (
        await errorOf(
          bob.call((api) => api.members.acceptInvitation({ token: tokenOf(revoked.url) })),
        )
      ).message,
    ).toMatch(/revoked/);
    expect(
      await codeOf(h.client().call((api) => api.members.invitationInfo({ token: 'x'.repeat(32) }))),
    ).toBe('NOT_FOUND');
  });

  it('lets admins invite but only owners invite owners; members cannot invite', async () => {
    const owner = await h.signUp();
    const adminLink = await owner.call((api) => api.members.invite({ role: 'admin' }));
    const memberLink = await owner.call((api) => api.members.invite({ role: 'member' }));
    const admin = await h.signUp();
    await admin.call((api) => api.members.acceptInvitation({ token: tokenOf(adminLink.url) }));
    const member = await h.signUp();
    await member.call((api) => api.members.acceptInvitation({ token: tokenOf(memberLink.url) }));

    expect(await codeOf(admin.call((api) => api.members.invite({ role: 'member' })))).toBe('OK');
    expect(await codeOf(admin.call((api) => api.members.invite({ role: 'owner' })))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(member.call((api) => api.members.invite({ role: 'member' })))).toBe(
      'FORBIDDEN',
    );
    // members view agents but cannot change them
    expect(await codeOf(member.call((api) => api.agents.list({})))).toBe('OK');
    expect(await codeOf(member.call((api) => api.agents.create({ name: 'nope' })))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('members and roles', () => {
  async function team() {
    const owner = await h.signUp();
    const link = await owner.call((api) => api.members.invite({ role: 'admin' }));
    const admin = await h.signUp();
    await admin.call((api) => api.members.acceptInvitation({ token: tokenOf(link.url) }));
    const link2 = await owner.call((api) => api.members.invite({ role: 'member' }));
    const member = await h.signUp();
    await member.call((api) => api.members.acceptInvitation({ token: tokenOf(link2.url) }));
    return {
      owner,
      admin,
      member,
      ids: { owner: await idOf(owner), admin: await idOf(admin), member: await idOf(member) },
    };
  }

  it('admins change roles and remove members; members cannot', async () => {
    const { admin, member, ids } = await team();
    expect(
      await codeOf(
        member.call((api) => api.members.changeRole({ userId: ids.admin, role: 'member' })),
      ),
    ).toBe('FORBIDDEN');
    await admin.call((api) => api.members.changeRole({ userId: ids.member, role: 'admin' }));
    expect(
      (await admin.call((api) => api.members.list())).find((m) => m.userId === ids.member)?.role,
    ).toBe('admin');
    await admin.call((api) => api.members.remove({ userId: ids.member }));
    // the removed member's session no longer works in that organisation
    expect(await codeOf(member.call((api) => api.agents.list({})))).toBe('PRECONDITION_FAILED');
  });

  it('keeps the last owner: cannot be removed, demoted or leave', async () => {
    const { owner, admin, ids } = await team();
    expect(await codeOf(admin.call((api) => api.members.remove({ userId: ids.owner })))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(
        admin.call((api) => api.members.changeRole({ userId: ids.owner, role: 'member' })),
      ),
    ).toBe('FORBIDDEN');
    const demote = await errorOf(
      owner.call((api) => api.members.changeRole({ userId: ids.owner, role: 'admin' })),
    );
    expect(demote.code).toBe('CONFLICT');
    expect(demote.message).toMatch(/at least one owner/);
    expect(await codeOf(owner.call((api) => api.members.leave()))).toBe('CONFLICT');
    // with a second owner, the first may step down
    await owner.call((api) => api.members.changeRole({ userId: ids.admin, role: 'owner' }));
    expect(
      await codeOf(
        owner.call((api) => api.members.changeRole({ userId: ids.owner, role: 'member' })),
      ),
    ).toBe('OK');
  });

  it('switches between organisations; a non-member cannot switch in', async () => {
    const alice = await h.signUp({ orgName: 'First' });
    const second = await alice.call((api) => api.orgs.create({ name: 'Second' }));
    await alice.call((api) => api.agents.create({ name: 'In second' }));
    const me = await alice.call((api) => api.auth.me());
    const first = me!.orgs.find((o) => o.name === 'First')!;
    await alice.call((api) => api.orgs.switch({ orgId: first.id }));
    expect((await alice.call((api) => api.agents.list({}))).items).toHaveLength(0);
    await alice.call((api) => api.orgs.switch({ orgId: second.id }));
    expect((await alice.call((api) => api.agents.list({}))).items.map((a) => a.name)).toEqual([
      'In second',
    ]);

    const eve = await h.signUp();
    expect(await codeOf(eve.call((api) => api.orgs.switch({ orgId: second.id })))).toBe(
      'NOT_FOUND',
    );
    expect((await alice.call((api) => api.orgs.list())).map((o) => o.name).sort()).toEqual([
      'First',
      'Second',
    ]);
  });

  it('renames the organisation (admins only)', async () => {
    const { owner, member } = await team();
    expect((await owner.call((api) => api.orgs.rename({ name: 'Renamed Inc' }))).name).toBe(
      'Renamed Inc',
    );
    expect(await codeOf(member.call((api) => api.orgs.rename({ name: 'x' })))).toBe('FORBIDDEN');
  });
});
