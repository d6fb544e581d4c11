import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createActivityHub, type ActivityHub } from '@leadpilot/domain/activity/activity-hub';
import { recordActivity } from '@leadpilot/domain/activity/record-activity';
import { openFeed } from '../testing/activity-feed';
import { codeOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';

let h: Harness;
/** A second "server process": its own hub (its own LISTEN connection) on the same database. */
let secondProcess: ActivityHub;

beforeAll(async () => {
  h = await createHarness();
  secondProcess = createActivityHub({
    connectionString: h.url,
    applicationName: 'leadpilot-activity-2',
  });
  await secondProcess.start();
});
afterAll(async () => {
  await secondProcess.close();
  await h.close();
});

const orgIdOf = async (c: TestClient) => (await c.call((api) => api.auth.me()))!.activeOrg!.id;
const latestOf = async (c: TestClient) =>
  (await c.call((api) => api.activity.list({ limit: 1 }))).latestId;
const reply = (orgId: string, n: number) =>
  recordActivity(h.db, { orgId, type: 'agent.replied', params: { agentName: `Reply ${n}` } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The same signed-in user, talking to the second process. */
function onSecondProcess(c: TestClient): TestClient {
  const other = h.client({ activity: secondProcess });
  other.setCookie(c.cookie());
  return other;
}

describe('activity.onNew', () => {
  it('delivers new entries to subscribers on every process, and only of their organisation', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const onFirst = await openFeed(a, { lastEventId: await latestOf(a) });
    const onSecond = await openFeed(onSecondProcess(a), { lastEventId: await latestOf(a) });
    const ofB = await openFeed(b, { lastEventId: await latestOf(b) });
    onTestFinished(() => [onFirst, onSecond, ofB].forEach((f) => f.close()));

    const created = await a.call((api) => api.agents.create({ name: 'Live one' }));
    const [first] = await onFirst.waitFor(1);
    const [second] = await onSecond.waitFor(1);
    expect(first).toMatchObject({
      type: 'agent.created',
      agentId: created.id,
      params: { name: 'Live one' },
    });
    expect(second).toEqual(first);

    await b.call((api) => api.agents.create({ name: 'B agent' }));
    const [fromB] = await ofB.waitFor(1);
    expect(fromB!.params.name).toBe('B agent');
    await sleep(300);
    // a member of B never receives A's entries, nor A B's
    expect(ofB.received.map((e) => e.params.name)).toEqual(['B agent']);
    expect(onFirst.received.map((e) => e.params.name)).toEqual(['Live one']);
    expect(onSecond.received.map((e) => e.params.name)).toEqual(['Live one']);
  }, 60_000);

  it('refuses to subscribe without a session or an organisation', async () => {
    expect(await codeOf(h.client().call((api) => api.activity.onNew({})))).toBe('UNAUTHORIZED');
    const a = await h.signUp();
    expect(await codeOf(a.call((api) => api.activity.onNew({ lastEventId: 'not-a-number' })))).toBe(
      'BAD_REQUEST',
    );
  });

  it('resumes after the last event id with no gap and no duplicate, then continues live', async () => {
    const a = await h.signUp();
    const orgId = await orgIdOf(a);
    const feed = await openFeed(a, { lastEventId: await latestOf(a) });
    await reply(orgId, 1);
    await reply(orgId, 2);
    const seen = await feed.waitFor(2);
    feed.close();
    await feed.ended();

    // written while the client is away
    for (let n = 3; n <= 6; n++) await reply(orgId, n);
    const resumed = await openFeed(a, { lastEventId: seen[1]!.id });
    onTestFinished(() => resumed.close());
    await resumed.waitFor(4);
    await reply(orgId, 7);
    await resumed.waitFor(5);
    await sleep(200);
    expect(resumed.received.map((e) => e.params.agentName)).toEqual([
      'Reply 3',
      'Reply 4',
      'Reply 5',
      'Reply 6',
      'Reply 7',
    ]);
  });

  it('misses nothing and repeats nothing under concurrent writers, across both processes', async () => {
    const a = await h.signUp();
    const orgId = await orgIdOf(a);
    const start = await latestOf(a);
    const feeds = [
      await openFeed(a, { lastEventId: start }),
      await openFeed(onSecondProcess(a), { lastEventId: start }),
    ];
    onTestFinished(() => feeds.forEach((f) => f.close()));
    // 4 writers × 15 entries in parallel transactions, some of them rolled back
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 15; i++) {
          await h.db
            .$transaction(async (tx) => {
              await recordActivity(tx, {
                orgId,
                type: 'agent.replied',
                params: { agentName: `w${w}-${i}` },
              });
              if (i % 5 === 4) throw new Error('rolled back');
            })
            .catch(() => {});
        }
      }),
    );
    const committed = await h.db.activityLog.findMany({
      where: { orgId },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    expect(committed).toHaveLength(48);
    for (const f of feeds) {
      await f.waitFor(48);
      await sleep(100);
      expect(f.received.map((e) => e.id)).toEqual(committed.map((r) => String(r.id)));
    }
  });

  it('catches up after its LISTEN connection is lost', async () => {
    const a = await h.signUp();
    const orgId = await orgIdOf(a);
    const feed = await openFeed(a, { lastEventId: await latestOf(a) });
    onTestFinished(() => feed.close());
    await reply(orgId, 1);
    await feed.waitFor(1);

    const admin = new pg.Client({ connectionString: h.url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'leadpilot-activity' AND datname = current_database()`,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await admin.end();
    }
    await reply(orgId, 2); // announced while nobody listens: lost as a notification
    await reply(orgId, 3);
    await feed.waitFor(3, 10_000);
    expect(feed.received.map((e) => e.params.agentName)).toEqual(['Reply 1', 'Reply 2', 'Reply 3']);
  });

  it('ends the stream of a member who is removed from the organisation', async () => {
    const owner = await h.signUp();
    const link = await owner.call((api) => api.members.invite({ role: 'member' }));
    const bob = await h.signUp();
    await bob.call((api) => api.members.acceptInvitation({ token: link.url.split('/').pop()! }));
    const bobId = (await bob.call((api) => api.auth.me()))!.user.id;
    const feed = await openFeed(bob, { lastEventId: await latestOf(bob) });
    onTestFinished(() => feed.close());

    await owner.call((api) => api.members.remove({ userId: bobId }));
    const error = await feed.ended();
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    await owner.call((api) => api.agents.create({ name: 'After Bob left' }));
    await sleep(200);
    expect(feed.received.map((e) => e.type)).toEqual(['member.removed']);
  });
});
