import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../errors';
import { codeOf, errorOf } from '../testing/errors';
import { createHarness, type Harness } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const sample = {
  name: 'Inbound qualifier',
  description: 'Answers new leads on WhatsApp',
  status: 'active' as const,
  persona: 'Anna, a friendly sales assistant',
  instructions: 'Qualify budget and timeline, then hand over.',
  languages: ['en' as const, 'ru' as const],
  tone: 'professional' as const,
  workingHours: {
    timezone: 'Europe/Moscow',
    intervals: [{ day: 0, start: '09:00', end: '18:00' }],
  },
  handoffPhrases: ['talk to a human', 'manager'],
};

describe('agents', () => {
  it('creates, reads, updates and deletes an agent', async () => {
    const owner = await h.signUp();
    const created = await owner.call((api) => api.agents.create(sample));
    expect(created).toMatchObject({ ...sample, handoffUserId: null });
    expect(created.createdBy?.name).toMatch(/^User/);

    const fetched = await owner.call((api) => api.agents.get({ id: created.id }));
    expect(fetched.workingHours).toEqual(sample.workingHours);

    const updated = await owner.call((api) =>
      api.agents.update({ id: created.id, data: { name: 'Renamed', status: 'paused' } }),
    );
    expect(updated).toMatchObject({
      name: 'Renamed',
      status: 'paused',
      instructions: sample.instructions,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    expect(await owner.call((api) => api.agents.delete({ id: created.id }))).toEqual({
      id: created.id,
    });
    expect(await codeOf(owner.call((api) => api.agents.get({ id: created.id })))).toBe('NOT_FOUND');
  });

  it('applies defaults for a minimal agent', async () => {
    const owner = await h.signUp();
    const a = await owner.call((api) => api.agents.create({ name: 'Minimal' }));
    expect(a).toMatchObject({
      status: 'draft',
      tone: 'friendly',
      languages: [],
      workingHours: { timezone: 'UTC', intervals: [] },
    });
  });

  it('rejects invalid input with field errors, never a 500', async () => {
    const owner = await h.signUp();
    const error = await errorOf(
      owner.call((api) =>
        api.agents.create({
          name: '',
          workingHours: {
            timezone: 'Mars/Olympus',
            intervals: [{ day: 7, start: '18:00', end: '09:00' }],
          },
        }),
      ),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const formatted = formatError(error);
    expect(Object.keys(formatted.fieldErrors ?? {})).toEqual(
      expect.arrayContaining([
        'name',
        'workingHours.timezone',
        'workingHours.intervals.0.day',
        'workingHours.intervals.0.end',
      ]),
    );
    expect(formatted.message).toMatch(/Name: This field is required/);
    expect(formatted.fieldErrors?.['workingHours.timezone']).toEqual(['Unknown time zone.']);
  });

  it('requires the handoff teammate to be a member of the organisation', async () => {
    const owner = await h.signUp();
    const stranger = await h.signUp();
    const me = await stranger.call((api) => api.auth.me());
    const error = await errorOf(
      owner.call((api) => api.agents.create({ name: 'X', handoffUserId: me!.user.id })),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(formatError(error).fieldErrors).toHaveProperty('handoffUserId');

    const self = await owner.call((api) => api.auth.me());
    const ok = await owner.call((api) =>
      api.agents.create({ name: 'Y', handoffUserId: self!.user.id }),
    );
    expect(ok.handoffUser?.id).toBe(self!.user.id);
  });

  it("hides another organisation's agents: NOT_FOUND for every operation", async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const agent = await a.call((api) => api.agents.create({ name: 'Secret agent' }));
    expect(await codeOf(b.call((api) => api.agents.get({ id: agent.id })))).toBe('NOT_FOUND');
    expect(
      await codeOf(b.call((api) => api.agents.update({ id: agent.id, data: { name: 'pwned' } }))),
    ).toBe('NOT_FOUND');
    expect(await codeOf(b.call((api) => api.agents.delete({ id: agent.id })))).toBe('NOT_FOUND');
    expect((await b.call((api) => api.agents.list({}))).items).toHaveLength(0);
    expect((await a.call((api) => api.agents.get({ id: agent.id }))).name).toBe('Secret agent');
  });

  it('pages with a keyset cursor: every agent exactly once, newest first, with a name search', async () => {
    const owner = await h.signUp();
    for (let i = 0; i < 25; i++) {
      await owner.call((api) =>
        api.agents.create({ name: i % 2 ? `Odd agent ${i}` : `Even agent ${i}` }),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await owner.call(
        (api) => api.agents.list({ cursor, limit: 10 }),
      );
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('Even agent 24');

    const odd = await owner.call((api) => api.agents.list({ search: 'ODD', limit: 100 }));
    expect(odd.items).toHaveLength(12);
    expect(odd.nextCursor).toBeNull();
  });

  it('answers BAD_REQUEST to a forged cursor', async () => {
    const owner = await h.signUp();
    expect(await codeOf(owner.call((api) => api.agents.list({ cursor: 'not-a-cursor' })))).toBe(
      'BAD_REQUEST',
    );
  });

  it('requires a session: UNAUTHORIZED when signed out', async () => {
    expect(await codeOf(h.client().call((api) => api.agents.list({})))).toBe('UNAUTHORIZED');
  });
});
