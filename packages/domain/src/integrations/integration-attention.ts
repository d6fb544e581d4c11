import type { Db } from '@leadpilot/db/client';
import { recordActivity } from '../activity/record-activity';

export type AttentionStatus = 'needs_reauth' | 'blocked' | 'payment_required';

/**
 * Puts an integration in a state that needs an admin, with a reason they can act on, and records
 * "needs attention" in the feed when that is news (not when it was already in this state).
 * `clearTokens` erases the tokens too (access revoked or refused: they will not work again).
 */
export async function markIntegrationNeedsAttention(
  db: Db,
  input: {
    integrationId: string;
    status: AttentionStatus;
    statusReason: string;
    clearTokens?: boolean;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.integration.findUnique({
      where: { id: input.integrationId },
      select: { orgId: true, status: true, accountName: true, host: true },
    });
    if (!before) return;
    await tx.integration.update({
      where: { id: input.integrationId },
      data: {
        status: input.status,
        statusReason: input.statusReason,
        ...(input.clearTokens ? { accessTokenEnc: null, refreshTokenEnc: null } : {}),
      },
    });
    if (before.status === input.status) return;
    await recordActivity(tx, {
      orgId: before.orgId,
      type: 'integration.needs_attention',
      integrationId: input.integrationId,
      subject: { type: 'integration', id: input.integrationId },
      description: input.statusReason,
      params: { name: before.accountName ?? before.host, status: input.status },
    });
  });
}
