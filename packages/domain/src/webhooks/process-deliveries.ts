import type { Db } from '@leadpilot/db/client';
import type { PgPool } from '@leadpilot/db/pool';
import { pgRaw, pgTransaction, type RawSql } from '@leadpilot/db/raw-sql';
import type { ParsedWebhook } from '@leadpilot/kommo/webhooks/events';
import { WebhookParseError } from '@leadpilot/kommo/webhooks/parse-error';
import { parseWebhookBody } from '@leadpilot/kommo/webhooks/parse-webhook';
import {
  handleWebhookBatch,
  type WebhookBatch,
  type WebhookBatchHandler,
  type WebhookIntegration,
} from './handle-event';
import { hasPending, requestProcessing, scheduleRetry, settleRequest } from './processing-job';

type Outcome = 'processed' | 'unhandled' | 'failed' | 'dead' | 'rejected';

/** Attempts per delivery; the last failure makes it `dead` (replayable from the log). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 40 min, 1 h: about 2 h from first failure to dead. */
export const retryDelayMs = (attempts: number) => Math.min(10_000 * 3 ** (attempts - 1), 3_600_000);

/** Deliveries per transaction. */
const CLAIM_LIMIT = 500;
/** A job hands over to a fresh one after this long, so one integration cannot hold a worker slot. */
const MAX_RUN_MS = 20_000;
/**
 * When batches keep arriving while a job runs, it waits this long before its next round, so that
 * a round processes what arrived in 50 ms (hundreds of deliveries under load) rather than a few.
 */
export const GATHER_MS = 50;

interface DeliveryRow {
  id: string;
  org_id: string;
  integration_id: string;
  received_at: Date;
  content_type: string | null;
  raw_body: Uint8Array;
  attempts: number;
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
  nextAttemptAt: Date | null;
}

export interface ProcessOutcome {
  /** Deliveries processed (whatever the outcome). */
  handled: number;
  /** Events of the deliveries that were processed. */
  events: number;
  counts: Record<Outcome, number>;
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

/**
 * Processes an integration's pending deliveries, and failed ones that are due, oldest first, up
 * to 500 per transaction: parse each body, pass every event to `handleWebhookEvent`, record the
 * outcome — `processed` (events mapped), `unhandled` (none), `failed` (a handler threw; retried
 * after `retryDelayMs`, `dead` after MAX_DELIVERY_ATTEMPTS). Idempotent: only pending/due rows are
 * taken, under row locks (SKIP LOCKED), so two runs never process a delivery twice.
 *
 * It goes round until its processing request is settled (processing-job.ts): while batches keep
 * arriving it waits GATHER_MS between rounds; after MAX_RUN_MS it hands over to a new job.
 *
 * A round runs in one transaction, and all its deliveries' events are applied together
 * (handle-event.ts → kommo-events/apply.ts: a fixed number of statements per round). When that
 * throws, the round is narrowed down with savepoints — each half again, down to the deliveries
 * that fail on their own — so only those are rolled back and retried.
 */
export async function processIntegrationWebhooks(
  { db, pg }: { db: Db; pg: PgPool },
  integrationId: string,
  /** Tests pass their own; the app always uses handleWebhookBatch. */
  handle: WebhookBatchHandler = handleWebhookBatch,
  options: { gatherMs?: number } = {},
): Promise<ProcessOutcome> {
  const outcome: ProcessOutcome = {
    handled: 0,
    events: 0,
    counts: { processed: 0, unhandled: 0, failed: 0, dead: 0, rejected: 0 },
    firstError: null,
  };
  const deadline = Date.now() + MAX_RUN_MS;
  // Rounds and their bookkeeping run on plain pg (see raw-sql.ts), the rest through Prisma.
  const raw = pgRaw(pg);
  for (;;) {
    const results = await runBatch(pg, integrationId, handle);
    for (const r of results) {
      outcome.counts[r.status]++;
      if (r.status === 'processed') outcome.events += r.events;
      outcome.firstError ??= r.error;
    }
    outcome.handled += results.length;
    if (results.length === CLAIM_LIMIT && Date.now() < deadline) continue;
    if (Date.now() >= deadline) {
      // Hand over: the request stays, a fresh job carries on.
      await requestProcessing(raw, integrationId, { force: true });
      break;
    }
    // Drained what was visible. While batches keep arriving, gather for a moment and go round
    // again without touching the request (a settle makes arriving batches wait for it); when
    // nothing is pending, settle it (see processing-job.ts).
    if (!(await hasPending(raw, integrationId)) && !(await settleRequest(raw, integrationId)))
      break;
    await new Promise((resolve) => setTimeout(resolve, options.gatherMs ?? GATHER_MS));
  }
  // Failed deliveries wait for their next attempt: make sure a job runs then.
  const next = await db.webhookDelivery.findFirst({
    where: { integrationId, status: 'failed' },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  if (next?.nextAttemptAt) await scheduleRetry(db, integrationId, next.nextAttemptAt);
  return outcome;
}

async function runBatch(pg: PgPool, integrationId: string, handle: WebhookBatchHandler) {
  return pgTransaction(pg, async (tx) => {
    // The outer status check is re-evaluated on a row another job just updated (READ
    // COMMITTED), so a delivery processed meanwhile is not taken again.
    const rows = await tx.$queryRaw<DeliveryRow[]>`
        SELECT d.id, d.org_id, d.integration_id, d.received_at, d.content_type, d.raw_body,
               d.attempts, i.kind, i.host, i.base_url, i.account_id, i.subdomain
          FROM webhook_deliveries d JOIN integrations i ON i.id = d.integration_id
         WHERE d.id IN (
                 (SELECT id FROM webhook_deliveries
                   WHERE integration_id = ${integrationId}::uuid AND status = 'pending'
                   ORDER BY received_at, id LIMIT ${CLAIM_LIMIT})
                 UNION ALL
                 (SELECT id FROM webhook_deliveries
                   WHERE integration_id = ${integrationId}::uuid AND status = 'failed'
                     AND next_attempt_at <= now()
                   ORDER BY received_at, id LIMIT ${CLAIM_LIMIT}))
           AND d.status IN ('pending', 'failed')
         ORDER BY d.received_at, d.id
         LIMIT ${CLAIM_LIMIT}
           FOR UPDATE OF d SKIP LOCKED`;
    if (!rows.length) return [];
    const results = new Map<string, Result>();
    const parsed: { row: DeliveryRow; parsed: ParsedWebhook }[] = [];
    for (const row of rows) {
      try {
        parsed.push({
          row,
          parsed: parseWebhookBody(row.raw_body, { contentType: row.content_type }),
        });
      } catch (error) {
        // The receiver decoded it already; only a stricter parser could refuse it now.
        if (!(error instanceof WebhookParseError)) throw error;
        results.set(row.id, {
          id: row.id,
          status: 'rejected',
          error: error.reason,
          events: 0,
          summary: null,
          nextAttemptAt: null,
        });
      }
    }
    const failures = await applyNarrowing(tx, handle, parsed);
    for (const { row, parsed: p } of parsed) {
      const summary = summarize(p);
      const failure = failures.get(row.id);
      if (failure === undefined) {
        results.set(row.id, {
          id: row.id,
          status: p.events.length ? 'processed' : 'unhandled',
          error: null,
          events: p.events.length,
          summary,
          nextAttemptAt: null,
        });
        continue;
      }
      const attempts = row.attempts + 1;
      const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
      results.set(row.id, {
        id: row.id,
        status: dead ? 'dead' : 'failed',
        error: message(failure),
        events: p.events.length,
        summary,
        nextAttemptAt: dead ? null : new Date(Date.now() + retryDelayMs(attempts)),
      });
    }
    const ordered = rows.map((r) => results.get(r.id)!);
    await saveResults(tx, ordered);
    return ordered;
  });
}

/**
 * Applies the deliveries' events under a savepoint; when that throws, rolls back and tries each
 * half the same way (in order), down to single deliveries. Returns the error of each delivery that
 * failed on its own; everything else is applied.
 */
async function applyNarrowing(
  tx: RawSql,
  handle: WebhookBatchHandler,
  items: { row: DeliveryRow; parsed: ParsedWebhook }[],
): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  const withEvents = items.filter((i) => i.parsed.events.length);
  const attempt = async (part: typeof withEvents): Promise<void> => {
    if (!part.length) return;
    await tx.$executeRawUnsafe('SAVEPOINT webhook_batch');
    try {
      await handle(tx, batchOf(part));
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT webhook_batch');
      return;
    } catch (error) {
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT webhook_batch');
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT webhook_batch');
      if (part.length === 1) {
        failures.set(part[0]!.row.id, error);
        return;
      }
    }
    const middle = Math.ceil(part.length / 2);
    await attempt(part.slice(0, middle));
    await attempt(part.slice(middle));
  };
  await attempt(withEvents);
  return failures;
}

function batchOf(items: { row: DeliveryRow; parsed: ParsedWebhook }[]): WebhookBatch {
  const first = items[0]!.row;
  const integration: WebhookIntegration = {
    id: first.integration_id,
    orgId: first.org_id,
    kind: first.kind,
    host: first.host,
    baseUrl: first.base_url,
    accountId: first.account_id,
    subdomain: first.subdomain,
  };
  return {
    scope: { orgId: first.org_id, integrationId: first.integration_id },
    integration,
    deliveries: items.map(({ row, parsed }) => ({
      delivery: { id: row.id, receivedAt: row.received_at },
      events: parsed.events,
    })),
  };
}

async function saveResults(tx: RawSql, results: Result[]) {
  await tx.$executeRaw`
    UPDATE webhook_deliveries d
       SET status = u.status::"WebhookDeliveryStatus",
           attempts = d.attempts + 1,
           last_error = u.error,
           event_count = u.events,
           summary = u.summary::jsonb,
           next_attempt_at = u.next_attempt_at,
           processed_at = CASE WHEN u.status IN ('processed', 'unhandled') THEN now() ELSE NULL END
      FROM unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.status)}::text[],
                  ${results.map((r) => r.error)}::text[], ${results.map((r) => r.events)}::int[],
                  ${results.map((r) => (r.summary ? JSON.stringify(r.summary) : null))}::text[],
                  ${results.map((r) => r.nextAttemptAt?.toISOString() ?? null)}::timestamptz[])
        AS u(id, status, error, events, summary, next_attempt_at)
     WHERE d.id = u.id`;
}

/**
 * Integrations with deliveries left behind — pending for over a minute (a worker was killed
 * mid-job, so its job stays locked for hours) or failed and due — get a processing job again.
 */
export async function sweepWebhookDeliveries(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ integration_id: string }[]>`
    SELECT DISTINCT integration_id FROM webhook_deliveries
     WHERE (status = 'pending' AND received_at < now() - interval '1 minute')
        OR (status = 'failed' AND next_attempt_at < now() - interval '1 minute')`;
  for (const row of rows) await requestProcessing(db, row.integration_id, { force: true });
  return rows.length;
}
