import { Badge, type BadgeProps } from '@mantine/core';
import type { IntegrationStatus } from '@leadpilot/schemas/integrations';
import { useI18n } from '../i18n/i18n-context';

export const integrationStatusColors: Record<IntegrationStatus, string> = {
  connected: 'teal',
  needs_reauth: 'orange',
  payment_required: 'orange',
  blocked: 'red',
  disconnected: 'gray',
};

interface IntegrationStatusBadgeProps {
  status: IntegrationStatus;
  size?: BadgeProps['size'];
}

export function IntegrationStatusBadge({ status, size = 'md' }: IntegrationStatusBadgeProps) {
  const { t } = useI18n();
  return (
    <Badge
      color={integrationStatusColors[status]}
      variant={status === 'connected' ? 'dot' : 'light'}
      size={size}
      tt="none"
      fw={500}
      data-testid="integration-status"
    >
      {t(`integrationStatus.${status}`)}
    </Badge>
  );
}
