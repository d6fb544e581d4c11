/**
 * Realistic Kommo webhook traffic for the fault tests (webhook-faults.test.ts): what a sales team
 * does in Kommo — leads dragged through their pipeline, clients writing in chats, missed and
 * answered calls, tasks — played through the emulator, which sends each change as Kommo does
 * (form-encoded, one POST per event family) to the registered webhook URL. The emulator's account
 * and its log of API writes are the truth the effects in Leadpilot's database are checked against.
 */
import type { Db } from '@leadpilot/db/client';
import type { KommoEmulator } from '@leadpilot/kommo-emulator/emulator';

export type TrafficOp =
  | { kind: 'stage'; leadId: number; statusId: number }
  | { kind: 'message'; leadId: number; text: string; origin: string; authorName: string }
  | { kind: 'call'; leadId: number; phone: string; missed: boolean; responsibleUserId: number }
  | { kind: 'task'; leadId: number; text: string; responsibleUserId: number };

const WON = 142;
const LOST = 143;
const ORIGINS = ['telegram', 'whatsapp', 'instagram_business'];

/**
 * A deterministic mix, interleaved: every open lead (but `skipLeads`) moved once to each other
 * open stage of its pipeline (never twice to the same stage: Kommo's form body of such a repeat is
 * byte-identical the same second, i.e. a retry), chat messages, calls (each with its own phone
 * number, so each callback task is recognisable) and tasks, assigned alternately to `users`.
 */
export function planTraffic(
  emulator: KommoEmulator,
  options: {
    users: [number, number];
    messages: number;
    missedCalls: number;
    answeredCalls: number;
    tasks: number;
    /** At most this many stage moves (default: every one). */
    stageMoves?: number;
    skipLeads?: number[];
    /** Makes texts unique to one plan. */
    tag: string;
    /** Makes phone numbers unique to one plan (0–999). */
    series: number;
  },
): TrafficOp[] {
  const { account } = emulator;
  const leads = [...account.leads.values()].filter(
    (l) =>
      l.statusId !== WON &&
      l.statusId !== LOST &&
      !l.isDeleted &&
      !(options.skipLeads ?? []).includes(l.id),
  );
  // Wave k moves every lead to its k-th other stage, so one lead's moves are spread out.
  const targets = leads.map((l) =>
    account.pipelines
      .get(l.pipelineId)!
      // not the incoming stage (type 1): Kommo refuses to move a lead there
      .statuses.filter((s) => s.type === 0)
      .map((s) => s.id)
      .filter((id) => id !== WON && id !== LOST && id !== l.statusId),
  );
  const stages: TrafficOp[] = [];
  for (let wave = 0; targets.some((t) => t.length > wave); wave++) {
    leads.forEach((l, i) => {
      const statusId = targets[i]![wave];
      if (statusId !== undefined) stages.push({ kind: 'stage', leadId: l.id, statusId });
    });
  }
  const leadAt = (n: number) => leads[(n * 7) % leads.length]!.id;
  const user = (n: number) => options.users[n % 2]!;
  const messages: TrafficOp[] = Array.from({ length: options.messages }, (_, n) => ({
    kind: 'message',
    leadId: leadAt(n),
    text: `${options.tag} message ${n}: is the offer still valid?`,
    origin: ORIGINS[n % ORIGINS.length]!,
    authorName: `Client ${n % 5}`,
  }));
  // missed and answered alternate while there are both
  const missed: boolean[] = [];
  for (let m = options.missedCalls, a = options.answeredCalls; m + a > 0;) {
    const next = m > 0 && (a === 0 || missed.length % 2 === 0);
    missed.push(next);
    if (next) m--;
    else a--;
  }
  const calls: TrafficOp[] = missed.map((isMissed, n) => ({
    kind: 'call',
    leadId: leadAt(n + 3),
    phone: `+7901${String(options.series).padStart(3, '0')}${String(n).padStart(4, '0')}`,
    missed: isMissed,
    responsibleUserId: user(n),
  }));
  const tasks: TrafficOp[] = Array.from({ length: options.tasks }, (_, n) => ({
    kind: 'task',
    leadId: leadAt(n + 5),
    text: `${options.tag} task ${n}: send the proposal`,
    responsibleUserId: user(n + 1),
  }));
  return interleave([stages.slice(0, options.stageMoves), messages, calls, tasks]);
}

/** Merges the lists so that each is spread evenly over the result, in its own order. */
function interleave<T>(lists: T[][]): T[] {
  const total = lists.reduce((n, l) => n + l.length, 0);
  const taken = lists.map(() => 0);
  const out: T[] = [];
  while (out.length < total) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (taken[i]! >= lists[i]!.length) continue;
      if (best < 0 || taken[i]! / lists[i]!.length < taken[best]! / lists[best]!.length) best = i;
    }
    out.push(lists[best]![taken[best]!++]!);
  }
  return out;
}

/** Makes the change in the emulated account; resolves once its webhooks have been answered. */
export function play(emulator: KommoEmulator, op: TrafficOp): Promise<void> {
  switch (op.kind) {
    case 'stage':
      return emulator.simulate.stageChange({ leadId: op.leadId, statusId: op.statusId });
    case 'message':
      return emulator.simulate.incomingMessage({
        leadId: op.leadId,
        text: op.text,
        origin: op.origin,
        authorName: op.authorName,
      });
    case 'call':
      return emulator.simulate.call({
        direction: 'inbound',
        phone: op.phone,
        duration: op.missed ? 0 : 95,
        ...(op.missed ? { status: 6 } : { status: 4 }),
        leadId: op.leadId,
        responsibleUserId: op.responsibleUserId,
      });
    case 'task':
      return emulator.simulate.task({
        leadId: op.leadId,
        text: op.text,
        responsibleUserId: op.responsibleUserId,
      });
  }
}

/** What the ops must leave in Leadpilot, each exactly once. */
export function expectedEffects(ops: TrafficOp[], mappedKommoUser: number) {
  const calls = ops.filter((o) => o.kind === 'call');
  const missed = calls.filter((c) => c.missed);
  const tasks = ops.filter((o) => o.kind === 'task');
  return {
    stageChanges: ops.filter((o) => o.kind === 'stage').length,
    messages: ops.filter((o) => o.kind === 'message').length,
    calls: calls.length,
    missedCalls: missed.length,
    // Leadpilot's callback tasks come back as task webhooks: mirrored and notified like any task
    tasks: tasks.length + missed.length,
    notifications:
      tasks.filter((t) => t.responsibleUserId === mappedKommoUser).length +
      missed.filter((c) => c.responsibleUserId === mappedKommoUser).length,
    // Leadpilot's summary notes come back as note webhooks
    notes: calls.length - missed.length,
    missedPhones: missed.map((c) => c.phone).sort(),
    answeredPhones: calls
      .filter((c) => !c.missed)
      .map((c) => c.phone)
      .sort(),
  };
}

/** Counts of everything webhook processing writes, for one integration. */
export async function countEffects(db: Db, integrationId: string) {
  const [row] = await db.$queryRaw<Record<string, number>[]>`
    SELECT
      (SELECT count(*)::int FROM kommo_lead_stage_changes
        WHERE integration_id = ${integrationId}::uuid AND source = 'webhook') AS "stageChanges",
      (SELECT count(*)::int FROM kommo_messages WHERE integration_id = ${integrationId}::uuid) AS messages,
      (SELECT count(*)::int FROM kommo_calls WHERE integration_id = ${integrationId}::uuid) AS calls,
      (SELECT count(*)::int FROM kommo_calls
        WHERE integration_id = ${integrationId}::uuid AND missed) AS "missedCalls",
      (SELECT count(*)::int FROM kommo_tasks WHERE integration_id = ${integrationId}::uuid) AS tasks,
      (SELECT count(*)::int FROM kommo_notes WHERE integration_id = ${integrationId}::uuid) AS notes,
      (SELECT count(*)::int FROM notifications
        WHERE integration_id = ${integrationId}::uuid AND kind = 'task.assigned') AS notifications,
      (SELECT count(*)::int FROM activity_logs
        WHERE integration_id = ${integrationId}::uuid AND activity_type = 'lead.stage_changed') AS "stageActivity",
      (SELECT count(*)::int FROM activity_logs
        WHERE integration_id = ${integrationId}::uuid AND activity_type = 'call.missed') AS "missedActivity",
      (SELECT count(*)::int FROM activity_logs
        WHERE integration_id = ${integrationId}::uuid AND activity_type = 'task.assigned') AS "taskActivity"`;
  return row! as Record<
    | 'stageChanges'
    | 'messages'
    | 'calls'
    | 'missedCalls'
    | 'tasks'
    | 'notes'
    | 'notifications'
    | 'stageActivity'
    | 'missedActivity'
    | 'taskActivity',
    number
  >;
}

/**
 * Leadpilot's writes to Kommo as the emulator applied them: callback tasks and call-summary notes
 * (one array item per created entity; a write the emulator held or refused is not in the log).
 */
export function kommoWrites(emulator: KommoEmulator) {
  const items = (path: string) =>
    emulator
      .writes()
      .filter((w) => w.method === 'POST' && w.path === path)
      .flatMap((w) => (Array.isArray(w.body) ? (w.body as Record<string, unknown>[]) : []));
  const callbackTexts = items('/api/v4/tasks').map((t) => String(t.text));
  const summaryTexts = items('/api/v4/leads/notes').map((n) =>
    String((n.params as { text?: unknown } | undefined)?.text),
  );
  return { callbackTexts, summaryTexts };
}

/** Call rows that record what Leadpilot created in Kommo for them. */
export async function recordedKommoWrites(db: Db, integrationId: string) {
  const [row] = await db.$queryRaw<{ callbacks: number; summaries: number }[]>`
    SELECT count(callback_task_kommo_id)::int AS callbacks, count(summary_note_kommo_id)::int AS summaries
      FROM kommo_calls WHERE integration_id = ${integrationId}::uuid`;
  return row!;
}

/** Deliveries by status, and graphile jobs still queued (any task). */
export async function backlog(db: Db, integrationId: string) {
  const statuses = await db.$queryRaw<{ status: string; n: number }[]>`
    SELECT status::text, count(*)::int AS n FROM webhook_deliveries
     WHERE integration_id = ${integrationId}::uuid GROUP BY status`;
  const [jobs] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  const by = Object.fromEntries(statuses.map((s) => [s.status, s.n])) as Record<string, number>;
  return {
    by,
    processed: by.processed ?? 0,
    waiting: (by.pending ?? 0) + (by.failed ?? 0),
    jobs: jobs!.n,
  };
}
