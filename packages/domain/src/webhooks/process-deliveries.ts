import type { Db, Tx } from '@leadpilot/db/client';
import type { ParsedWebhook } from '@leadpilot/kommo/webhooks/events';
import { WebhookParseError } from '@leadpilot/kommo/webhooks/parse-error';
import { parseWebhookBody } from '@leadpilot/kommo/webhooks/parse-webhook';
import { handleWebhookEvent, type WebhookIntegration } from './handle-event';

type Handler = typeof handleWebhookEvent;

type Outcome = 'processed' | 'unhandled' | 'failed' | 'dead' | 'rejected';

interface DeliveryRow {
  id: string;
  org_id: string;
  integration_id: string;
  received_at: Date;
  content_type: string | null;
  raw_body: Uint8Array;
  kind: 'kommo' | 'kommo_demo';
  host: string;
  base_url: string;
  account_id: number | null;
  subdomain: string | null;
}

interface Result {
  id: string;
  status: Outcome;
  error: string | null;
  events: number;
  summary: object | null;
}

export interface BatchOutcome {
  /** Deliveries looked at (pending or failed; others were already done). */
  handled: number;
  events: number;
  counts: Record<Outcome, number>;
  /** Some deliveries failed and another attempt is due: the job should throw. */
  retry: boolean;
  firstError: string | null;
}

/** How much of the parse result the log keeps: event types and counts, what was not mapped. */
export function summarize(parsed: ParsedWebhook) {
  const types: Record<string, number> = {};
  for (const e of parsed.events) types[e.type] = (types[e.type] ?? 0) + 1;
  return {
    format: parsed.format,
    account: parsed.account,
    types,
    unhandled: parsed.unhandled.slice(0, 50),
    unhandledTotal: parsed.unhandled.length,
  };
}

const message = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

class DeliveryFailed extends Error {
  constructor(
    readonly deliveryId: string,
    readonly reason: unknown,
  ) {
    super(message(reason));
  }
}

/**
 * Processes the deliveries of one `kommo_webhook_batch` job: parse each body, pass every event to
 * `handleWebhookEvent`, record the outcome — `processed` (events mapped), `unhandled` (none),
 * `failed` (a handler threw; retried by the job, `dead` after the last attempt). Idempotent: only
 * pending/failed rows are touched, under row locks (SKIP LOCKED), so a job that runs twice (or a
 * replay racing a retry) never processes a delivery twice.
 *
 * The batch runs in one transaction; when a handler throws, the batch is run again with a
 * savepoint per delivery, so only the failing one is rolled back (a savepoint per delivery on
 * every run would cost two round trips each).
 */
export async function processWebhookBatch(
  db: Db,
  input: { deliveryIds: string[]; attempt: number; maxAttempts: number },
  /** Tests pass their own; the app always uses handleWebhookEvent. */
  handle: Handler = handleWebhookEvent,
): Promise<BatchOutcome> {
  const lastAttempt = input.attempt >= input.maxAttempts;
  let results: Result[];
  try {
    results = await runBatch(db, input.deliveryIds, { isolate: false, lastAttempt, handle });
  } catch (error) {
    if (!(error instanceof DeliveryFailed)) {
      if (lastAttempt) await markDead(db, input.deliveryIds, message(error));
      throw error;
    }
    results = await runBatch(db, input.deliveryIds, { isolate: true, lastAttempt, handle });
  }
  const counts: Record<Outcome, number> = {
    processed: 0,
    unhandled: 0,
    failed: 0,
    dead: 0,
    rejected: 0,
  };
  for (const r of results) counts[r.status]++;
  return {
    handled: results.length,
    events: results.reduce((n, r) => n + (r.status === 'processed' ? r.events : 0), 0),
    counts,
    retry: counts.failed > 0,
    firstError: results.find((r) => r.error)?.error ?? null,
  };
}

interface Mode {
  isolate: boolean;
  lastAttempt: boolean;
  handle: Handler;
}

async function runBatch(db: Db, ids: string[], mode: Mode): Promise<Result[]> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<DeliveryRow[]>`
        SELECT d.id, d.org_id, d.integration_id, d.received_at, d.content_type, d.raw_body,
               i.kind, i.host, i.base_url, i.account_id, i.subdomain
          FROM webhook_deliveries d JOIN integrations i ON i.id = d.integration_id
         WHERE d.id = ANY(${ids}::uuid[]) AND d.status IN ('pending', 'failed')
         ORDER BY d.received_at, d.id
           FOR UPDATE OF d SKIP LOCKED`;
      const results: Result[] = [];
      for (const row of rows) results.push(await processOne(tx, row, mode));
      if (results.length) await saveResults(tx, results);
      return results;
    },
    { maxWait: 10_000, timeout: 300_000 },
  );
}

async function processOne(tx: Tx, row: DeliveryRow, mode: Mode): Promise<Result> {
  let parsed: ParsedWebhook;
  try {
    parsed = parseWebhookBody(row.raw_body, { contentType: row.content_type });
  } catch (error) {
    // The receiver decoded it already; only a stricter parser could refuse it now.
    if (error instanceof WebhookParseError)
      return { id: row.id, status: 'rejected', error: error.reason, events: 0, summary: null };
    throw error;
  }
  const integration: WebhookIntegration = {
    id: row.integration_id,
    orgId: row.org_id,
    kind: row.kind,
    host: row.host,
    baseUrl: row.base_url,
    accountId: row.account_id,
    subdomain: row.subdomain,
  };
  const scope = { orgId: row.org_id, integrationId: row.integration_id };
  const delivery = { id: row.id, receivedAt: row.received_at };
  const summary = summarize(parsed);
  if (mode.isolate) await tx.$executeRawUnsafe('SAVEPOINT webhook_delivery');
  try {
    for (const event of parsed.events) {
      await mode.handle(tx, { scope, integration, delivery, event });
    }
  } catch (error) {
    if (!mode.isolate) throw new DeliveryFailed(row.id, error);
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT webhook_delivery');
    return {
      id: row.id,
      status: mode.lastAttempt ? 'dead' : 'failed',
      error: message(error),
      events: parsed.events.length,
      summary,
    };
  }
  if (mode.isolate) await tx.$executeRawUnsafe('RELEASE SAVEPOINT webhook_delivery');
  return {
    id: row.id,
    status: parsed.events.length ? 'processed' : 'unhandled',
    error: null,
    events: parsed.events.length,
    summary,
  };
}

async function saveResults(tx: Tx, results: Result[]) {
  await tx.$executeRaw`
    UPDATE webhook_deliveries d
       SET status = u.status::"WebhookDeliveryStatus",
           attempts = d.attempts + 1,
           last_error = u.error,
           event_count = u.events,
           summary = u.summary::jsonb,
           processed_at = CASE WHEN u.status IN ('processed', 'unhandled') THEN now() ELSE NULL END
      FROM unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.status)}::text[],
                  ${results.map((r) => r.error)}::text[], ${results.map((r) => r.events)}::int[],
                  ${results.map((r) => (r.summary ? JSON.stringify(r.summary) : null))}::text[])
        AS u(id, status, error, events, summary)
     WHERE d.id = u.id`;
}

/** The last attempt failed as a whole (not in a handler): nothing will run these again. */
async function markDead(db: Db, ids: string[], error: string) {
  await db.$executeRaw`
    UPDATE webhook_deliveries SET status = 'dead', attempts = attempts + 1, last_error = ${error}
     WHERE id = ANY(${ids}::uuid[]) AND status IN ('pending', 'failed')`.catch(() => undefined);
}
