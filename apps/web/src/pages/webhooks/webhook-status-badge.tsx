import { Badge, Loader } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { WebhookStatus } from '../../trpc/app-router';

export const webhookStatuses: readonly WebhookStatus[] = [
  'pending',
  'processed',
  'duplicate',
  'unhandled',
  'failed',
  'dead',
  'rejected',
];

const colors: Record<WebhookStatus, string> = {
  pending: 'blue',
  processed: 'teal',
  duplicate: 'gray',
  unhandled: 'yellow',
  failed: 'orange',
  dead: 'red',
  rejected: 'red',
};

/** Statuses an admin can replay (the server checks the same). */
export const replayableStatuses: readonly WebhookStatus[] = ['failed', 'dead', 'unhandled'];

export function WebhookStatusBadge({ status }: { status: WebhookStatus }) {
  const { t } = useI18n();
  return (
    <Badge
      color={colors[status]}
      variant="light"
      tt="none"
      fw={500}
      leftSection={status === 'pending' ? <Loader size={10} color={colors[status]} /> : undefined}
      data-testid="webhook-status"
    >
      {t(`webhookStatus.${status}`)}
    </Badge>
  );
}
