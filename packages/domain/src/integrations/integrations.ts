import type { Prisma } from '@leadpilot/db/client';
import { recordActivity } from '../activity/record-activity';
import type { OrgScope } from '../context';
import { hasRole, requireRole } from '../context';
import { notFound } from '../errors';
import { webhookUrl } from './kommo-config';
import { kommoClientFor, type KommoDeps } from './kommo-client';

const integrationSelect = {
  id: true,
  kind: true,
  host: true,
  accountId: true,
  accountName: true,
  subdomain: true,
  status: true,
  statusReason: true,
  webhookRegistered: true,
  connectedAt: true,
  disconnectedAt: true,
  createdAt: true,
  connectedBy: { select: { id: true, name: true } },
  _count: { select: { agents: true } },
} satisfies Prisma.IntegrationSelect;

type Row = Prisma.IntegrationGetPayload<{ select: typeof integrationSelect }>;

function present(row: Row) {
  const { _count, ...rest } = row;
  return { ...rest, agentCount: _count.agents };
}

export async function listIntegrations(scope: OrgScope) {
  const rows = await scope.db.integration.findMany({
    where: { orgId: scope.orgId },
    select: integrationSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(present);
}

/** One integration; admins also get the webhook URL (it embeds the secret). */
export async function getIntegration(
  scope: OrgScope & Pick<KommoDeps, 'box' | 'kommo'>,
  id: string,
) {
  const row = await scope.db.integration.findFirst({
    where: { id, orgId: scope.orgId },
    select: { ...integrationSelect, webhookSecretEnc: true },
  });
  if (!row) throw notFound('Integration');
  const { webhookSecretEnc, ...rest } = row;
  return {
    ...present(rest),
    webhookUrl: hasRole(scope.role, 'admin')
      ? webhookUrl(scope.kommo, row.id, scope.box.open(webhookSecretEnc))
      : null,
  };
}

/**
 * Unsubscribes Leadpilot's webhook (best effort: Kommo may already refuse us) and erases the tokens.
 * The row stays, with its history and agent links, so reconnecting picks up where it was.
 */
export async function disconnectIntegration(scope: OrgScope & KommoDeps, id: string) {
  requireRole(scope, 'admin', 'disconnect Kommo');
  const row = await scope.db.integration.findFirst({
    where: { id, orgId: scope.orgId },
    select: {
      id: true,
      status: true,
      webhookRegistered: true,
      webhookSecretEnc: true,
      accountName: true,
      host: true,
    },
  });
  if (!row) throw notFound('Integration');
  let warning: string | null = null;
  if (row.status === 'connected' && row.webhookRegistered) {
    try {
      const client = await kommoClientFor(scope, row.id);
      await client.unsubscribeWebhook(
        webhookUrl(scope.kommo, row.id, scope.box.open(row.webhookSecretEnc)),
      );
    } catch (error) {
      warning = `Kommo could not be told to stop sending webhooks (${error instanceof Error ? error.message : String(error)}); remove it in Kommo's settings if it keeps arriving.`;
    }
  }
  await scope.db.$transaction(async (tx) => {
    await tx.integration.update({
      where: { id: row.id },
      data: {
        status: 'disconnected',
        statusReason: warning,
        accessTokenEnc: null,
        refreshTokenEnc: null,
        tokenExpiresAt: null,
        webhookRegistered: false,
        disconnectedAt: new Date(),
      },
    });
    await recordActivity(tx, {
      orgId: scope.orgId,
      userId: scope.userId,
      type: 'integration.disconnected',
      integrationId: row.id,
      subject: { type: 'integration', id: row.id },
      params: { name: row.accountName ?? row.host },
    });
  });
  return { id: row.id, warning };
}
