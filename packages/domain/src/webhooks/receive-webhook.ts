import { createHash } from 'node:crypto';
import type { PgPool } from '@leadpilot/db/pool';
import { inspectWebhookBody, type InspectedBody } from '@leadpilot/kommo/webhooks/form-tree';
import { WebhookParseError } from '@leadpilot/kommo/webhooks/parse-error';
import { uuidv7 } from '../ids';
import { createGroupCommit, type Abandonable, type GroupCommit } from './group-commit';
import { storeDeliveries, type IncomingDelivery, type StoreResult } from './store-deliveries';
import type { WebhookAuthenticator, WebhookTarget } from './webhook-auth';

/** Request headers worth keeping with a delivery; nothing that could carry a credential. */
export const STORED_HEADERS = [
  'user-agent',
  'content-type',
  'content-length',
  'x-amocrm-requestid',
  'x-request-id',
  'x-forwarded-for',
  'x-real-ip',
] as const;

export interface WebhookRequest {
  integrationId: string;
  secret: string;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress?: string;
}

export type ReceiveOutcome =
  | { status: 200; result: StoreResult; deliveryId: string }
  | { status: 400 | 403 | 503; reason: string }
  | { status: 404 };

export interface WebhookReceiver {
  receive(request: WebhookRequest): Promise<ReceiveOutcome>;
  /** Waits for every batch in flight (graceful shutdown). */
  drain(): Promise<void>;
  stats: GroupCommit<IncomingDelivery, StoreResult>['stats'];
}

/** The part of the app's pino logger the receiver uses (domain takes no logging dependency). */
export interface ReceiverLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ReceiverOptions {
  /** The pool the group commit writes with (plain SQL: see store-deliveries.ts). */
  pool: PgPool;
  auth: WebhookAuthenticator;
  log: ReceiverLog;
  /** Answer 503 when storing takes longer (Kommo gives up after 2 s). */
  ackTimeoutMs?: number;
  maxBatch?: number;
  maxConcurrentFlushes?: number;
  /** See GroupCommitOptions.overlapAfterMs. */
  flushOverlapMs?: number;
}

const header = (h: WebhookRequest['headers'], name: string) => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 500) ?? null;
};

function accountMismatch(target: WebhookTarget, body: InspectedBody['account']) {
  // An id that is no integer is ignored, as the parser does (it reports it as unhandled).
  const id = body.id !== undefined && /^\d{1,15}$/.test(body.id) ? Number(body.id) : undefined;
  if (id !== undefined && target.accountId !== null && id !== target.accountId) {
    return `account id ${id} is not the connected account ${target.accountId}`;
  }
  if (
    body.subdomain !== undefined &&
    target.subdomain !== null &&
    body.subdomain.toLowerCase() !== target.subdomain.toLowerCase()
  ) {
    return `subdomain "${body.subdomain}" is not the connected account's "${target.subdomain}"`;
  }
  return null;
}

/**
 * The receiving half of Kommo webhooks: secret check → decode (malformed: 400, kept as
 * `rejected`) → account check (403) → stored with its processing job by the group commit → 200.
 * Nothing is acknowledged before it is committed; a database failure or a slow commit is 503, so
 * Kommo retries (and the dedupe keys make a late commit plus the retry count once).
 */
export function createWebhookReceiver(options: ReceiverOptions): WebhookReceiver {
  const { pool, auth, log } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? 1_500;
  const batcher = createGroupCommit<IncomingDelivery, StoreResult>({
    flush: (items) => storeDeliveries(pool, items),
    maxBatch: options.maxBatch,
    maxConcurrent: options.maxConcurrentFlushes,
    overlapAfterMs: options.flushOverlapMs,
  });

  // Overloaded or cut off from the database, every request fails the same way: one log line per
  // 5 s with a count, rather than one per request (which would only add load).
  let unstored = 0;
  let lastReport = 0;
  function reportUnstored(error: unknown, integrationId: string) {
    unstored++;
    const now = Date.now();
    if (now - lastReport < 5_000) return;
    log.error(
      { err: error, integrationId, requests: unstored },
      'webhook: not stored, answered 503',
    );
    unstored = 0;
    lastReport = now;
  }

  function store(delivery: IncomingDelivery): Promise<StoreResult> {
    const request: Abandonable = { abandoned: false };
    return new Promise<StoreResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        request.abandoned = true;
        request.reason = new Error(`not stored within ${ackTimeoutMs} ms`);
        reject(request.reason);
      }, ackTimeoutMs);
      // A batch already being written may still commit after the 503: Kommo's retry is then a
      // duplicate, acknowledged and not processed twice.
      batcher.submit(delivery, { signal: request }).then(
        (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  async function receive(request: WebhookRequest): Promise<ReceiveOutcome> {
    let target: WebhookTarget | null;
    try {
      target = await auth.verify(request.integrationId, request.secret);
    } catch (error) {
      log.error(
        { err: error, integrationId: request.integrationId },
        'webhook: integration lookup failed',
      );
      return { status: 503, reason: 'Temporarily unavailable; retry later.' };
    }
    if (!target) return { status: 404 };

    const contentType = header(request.headers, 'content-type');
    const headers: Record<string, string> = {};
    for (const name of STORED_HEADERS) {
      const value = header(request.headers, name);
      if (value !== null) headers[name] = value;
    }
    if (request.remoteAddress) headers['remote-address'] = request.remoteAddress;
    const delivery: IncomingDelivery = {
      id: uuidv7(),
      orgId: target.orgId,
      integrationId: target.integrationId,
      receivedAt: new Date(),
      requestId: header(request.headers, 'x-amocrm-requestid'),
      bodySha256: createHash('sha256').update(request.body).digest('hex'),
      contentType,
      headers,
      rawBody: request.body,
      status: 'pending',
      rejectReason: null,
    };

    let inspected: InspectedBody;
    try {
      inspected = inspectWebhookBody(request.body, { contentType });
    } catch (error) {
      if (!(error instanceof WebhookParseError)) throw error;
      // Kept for inspection when the database lets us; the answer is 400 either way (a retry of
      // the same bytes cannot succeed, so this is never a 5xx).
      await store({ ...delivery, status: 'rejected', rejectReason: error.reason }).catch(
        (storeError: unknown) =>
          log.warn(
            { err: storeError, integrationId: target.integrationId },
            'webhook: rejected body not stored',
          ),
      );
      return { status: 400, reason: `Malformed webhook body: ${error.reason}` };
    }

    const mismatch = accountMismatch(target, inspected.account);
    if (mismatch) {
      log.warn(
        { integrationId: target.integrationId, orgId: target.orgId, requestId: delivery.requestId },
        `webhook refused: ${mismatch}`,
      );
      return { status: 403, reason: 'This webhook is for another Kommo account.' };
    }

    try {
      const result = await store(delivery);
      return { status: 200, result, deliveryId: delivery.id };
    } catch (error) {
      reportUnstored(error, target.integrationId);
      return { status: 503, reason: 'Temporarily unavailable; retry later.' };
    }
  }

  return { receive, drain: () => batcher.drain(), stats: () => batcher.stats() };
}
