import type { Prisma } from '@leadpilot/db/client';
import { decodeWebhookBody } from '@leadpilot/kommo/webhooks/form-tree';
import { WebhookParseError } from '@leadpilot/kommo/webhooks/parse-error';
import { parseWebhookBody } from '@leadpilot/kommo/webhooks/parse-webhook';
import { REPLAYABLE_WEBHOOK_STATUSES, type WebhookStatus } from '@leadpilot/schemas/webhooks';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { DomainError, notFound } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination';
import { requestProcessing } from './processing-job';

const BODY_SHOWN_BYTES = 256 * 1024;
const EVENTS_SHOWN = 200;

const itemSelect = {
  id: true,
  integrationId: true,
  receivedAt: true,
  status: true,
  requestId: true,
  contentType: true,
  sizeBytes: true,
  eventCount: true,
  attempts: true,
  lastError: true,
  processedAt: true,
  duplicateOfId: true,
  summary: true,
} satisfies Prisma.WebhookDeliverySelect;

type ItemRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof itemSelect }>;

function eventTypesOf(summary: unknown): string[] {
  if (!summary || typeof summary !== 'object' || !('types' in summary)) return [];
  const types = summary.types;
  return types && typeof types === 'object' ? Object.keys(types) : [];
}

function present({ summary, ...row }: ItemRow) {
  return { ...row, eventTypes: eventTypesOf(summary) };
}

async function requireIntegration(scope: OrgScope, integrationId: string) {
  const found = await scope.db.integration.findFirst({
    where: { id: integrationId, orgId: scope.orgId },
    select: { id: true },
  });
  if (!found) throw notFound('Integration');
}

/** The webhook log of one integration, newest first (keyset over received_at, id). */
export async function listWebhookDeliveries(
  scope: OrgScope,
  input: { integrationId: string; status?: WebhookStatus; cursor?: string | null; limit: number },
) {
  await requireIntegration(scope, input.integrationId);
  const after = decodeCursor(input.cursor);
  const rows = await scope.db.webhookDelivery.findMany({
    where: {
      orgId: scope.orgId,
      integrationId: input.integrationId,
      ...(input.status ? { status: input.status } : {}),
      ...(after
        ? {
            OR: [
              { receivedAt: { lt: after.createdAt } },
              { receivedAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: itemSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ createdAt: last.receivedAt, id: last.id })
        : null,
  };
}

/** JSON-safe copy (the decoded tree has no prototype; the wire wants plain objects). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/**
 * One delivery with what the log's detail view shows: stored headers, the body as text, the
 * decoded payload, and the events the parser maps it to now (or why it cannot be decoded).
 */
export async function getWebhookDelivery(scope: OrgScope, id: string) {
  const row = await scope.db.webhookDelivery.findFirst({
    where: { id, orgId: scope.orgId },
    select: { ...itemSelect, headers: true, rawBody: true },
  });
  if (!row) throw notFound('Webhook delivery');
  const { headers, rawBody, ...item } = row;
  const bytes = Buffer.from(rawBody);
  let payload: unknown = null;
  let decodeError: string | null = null;
  let parsed = null;
  try {
    payload = plain(decodeWebhookBody(bytes, { contentType: row.contentType }).tree);
    parsed = parseWebhookBody(bytes, { contentType: row.contentType });
  } catch (error) {
    if (!(error instanceof WebhookParseError)) throw error;
    decodeError = error.reason;
  }
  return {
    ...present(item),
    headers: (headers ?? {}) as Record<string, string>,
    body: bytes.subarray(0, BODY_SHOWN_BYTES).toString('utf8'),
    bodyTruncated: bytes.length > BODY_SHOWN_BYTES,
    payload,
    decodeError,
    account: parsed ? parsed.account : null,
    events: parsed
      ? (plain(parsed.events.slice(0, EVENTS_SHOWN)) as { type: string; path: string }[])
      : [],
    eventsTruncated: parsed ? parsed.events.length > EVENTS_SHOWN : false,
    unhandled: parsed?.unhandled.slice(0, EVENTS_SHOWN) ?? [],
  };
}

/**
 * Admins re-queue a delivery whose processing failed, died, or mapped nothing (after the cause is
 * fixed): back to `pending`, and its integration's processing job queued, in one transaction.
 */
export async function replayWebhookDelivery(scope: OrgScope, id: string) {
  requireRole(scope, 'admin', 'replay webhooks');
  return scope.db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.findFirst({
      where: { id, orgId: scope.orgId },
      select: { status: true, integrationId: true },
    });
    if (!row) throw notFound('Webhook delivery');
    const updated = await tx.webhookDelivery.updateMany({
      where: { id, orgId: scope.orgId, status: { in: [...REPLAYABLE_WEBHOOK_STATUSES] } },
      data: { status: 'pending', lastError: null, processedAt: null, nextAttemptAt: null },
    });
    if (updated.count === 0) {
      throw new DomainError(
        'CONFLICT',
        `A ${row.status} delivery cannot be replayed; only failed, dead or unhandled ones can.`,
      );
    }
    await requestProcessing(tx, row.integrationId);
    return { id, status: 'pending' as const };
  });
}
