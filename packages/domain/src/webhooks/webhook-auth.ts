import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '@leadpilot/db/client';
import type { SecretBox } from '../crypto/secret-box';

/** What the receiver needs to know about the integration a webhook URL names. */
export interface WebhookTarget {
  integrationId: string;
  orgId: string;
  accountId: number | null;
  subdomain: string | null;
}

interface CacheEntry {
  /** SHA-256 of the secret: compared in constant time whatever the length of the guess. */
  secretHash: Buffer | null;
  target: WebhookTarget | null;
  expiresAt: number;
}

export interface WebhookAuthOptions {
  db: Db;
  box: SecretBox;
  /** How long a decrypted secret is trusted. */
  ttlMs?: number;
  /** How long "no such (connected) integration" is trusted: short, so a reconnect counts at once. */
  missTtlMs?: number;
  /** Entries kept at most; the oldest go first (random ids must not grow memory). */
  maxEntries?: number;
}

export interface WebhookAuthenticator {
  /** The integration when `secret` is its webhook secret; null for unknown, disconnected or wrong. */
  verify(integrationId: string, secret: string): Promise<WebhookTarget | null>;
  /** Forget an integration's cached answer (tests; a process that changed it itself). */
  forget(integrationId: string): void;
}

const sha256 = (v: string) => createHash('sha256').update(v).digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks `/webhooks/kommo/<integration>/<secret>`. Decrypting the secret costs an AES-GCM open and a
 * query, so results are cached per integration for a short TTL (a disconnect takes effect within
 * a minute, a reconnect within 5 s); concurrent misses for one integration share one query. A database error propagates (the
 * receiver answers 503 so Kommo retries); it is never cached.
 */
export function createWebhookAuthenticator(options: WebhookAuthOptions): WebhookAuthenticator {
  const { db, box } = options;
  const ttlMs = options.ttlMs ?? 60_000;
  const missTtlMs = options.missTtlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, CacheEntry>();
  const loading = new Map<string, Promise<CacheEntry>>();

  async function load(integrationId: string): Promise<CacheEntry> {
    const row = await db.integration.findUnique({
      where: { id: integrationId },
      select: {
        id: true,
        orgId: true,
        accountId: true,
        subdomain: true,
        status: true,
        webhookSecretEnc: true,
      },
    });
    const entry: CacheEntry =
      row && row.status !== 'disconnected'
        ? {
            secretHash: sha256(box.open(row.webhookSecretEnc)),
            target: {
              integrationId: row.id,
              orgId: row.orgId,
              accountId: row.accountId,
              subdomain: row.subdomain,
            },
            expiresAt: Date.now() + ttlMs,
          }
        : { secretHash: null, target: null, expiresAt: Date.now() + missTtlMs };
    cache.delete(integrationId);
    cache.set(integrationId, entry);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return entry;
  }

  async function entryFor(integrationId: string): Promise<CacheEntry> {
    const cached = cache.get(integrationId);
    if (cached && cached.expiresAt > Date.now()) return cached;
    let pending = loading.get(integrationId);
    if (!pending) {
      pending = load(integrationId).finally(() => loading.delete(integrationId));
      loading.set(integrationId, pending);
    }
    return pending;
  }

  return {
    async verify(integrationId, secret) {
      if (!UUID.test(integrationId)) return null;
      const entry = await entryFor(integrationId.toLowerCase());
      const guess = sha256(secret);
      // Compare even when there is no secret, so "unknown" and "wrong" cost the same.
      const expected = entry.secretHash ?? sha256(`\0${secret}`);
      return timingSafeEqual(guess, expected) && entry.target ? entry.target : null;
    },
    forget(integrationId) {
      cache.delete(integrationId);
    },
  };
}
