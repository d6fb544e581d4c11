import type { Db } from '@leadpilot/db/client';
import { verifyRevokedHookSignature } from '@leadpilot/kommo/oauth';
import { markIntegrationNeedsAttention } from './integration-attention';
import type { KommoConfig } from './kommo-config';

/**
 * Kommo's "access revoked" hook (API.md §1): GET ?client_uuid=&account_id=&signature=. Valid when
 * the signature is HMAC-SHA256(client_secret, client_id|account_id) and the client is ours; then every
 * integration with that account needs the admin again. Returns whether it was valid.
 */
export async function handleRevokedHook(
  deps: { db: Db; kommo: KommoConfig },
  query: URLSearchParams,
): Promise<boolean> {
  const clientId = query.get('client_uuid') ?? query.get('client_id');
  const accountId = Number(query.get('account_id'));
  const signature = query.get('signature') ?? '';
  const apps = [deps.kommo.real, deps.kommo.demo].filter((a) => a !== undefined);
  const app = apps.find((a) => a.clientId === clientId);
  if (!app || !Number.isSafeInteger(accountId) || accountId <= 0) return false;
  if (
    !verifyRevokedHookSignature({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accountId: String(accountId),
      signature,
    })
  )
    return false;
  const affected = await deps.db.integration.findMany({
    where: {
      accountId,
      kind: app === deps.kommo.real ? 'kommo' : 'kommo_demo',
      status: { not: 'disconnected' },
    },
    select: { id: true },
  });
  for (const { id } of affected) {
    await markIntegrationNeedsAttention(deps.db, {
      integrationId: id,
      status: 'needs_reauth',
      statusReason: "A Kommo administrator revoked Leadpilot's access. Reconnect Kommo.",
      clearTokens: true,
    });
  }
  return true;
}
