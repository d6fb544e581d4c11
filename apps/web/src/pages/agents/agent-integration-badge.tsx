import { Badge } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { Agent } from '../../trpc/app-router';
import { integrationName } from '../integrations/integration-name';

/** The Kommo account an agent is linked to; orange (with the status) when it is not connected. */
export function AgentIntegrationBadge({
  integration,
}: {
  integration: NonNullable<Agent['integration']>;
}) {
  const { t } = useI18n();
  const connected = integration.status === 'connected';
  const name = integrationName(integration);
  return (
    <Badge
      variant="light"
      color={connected ? 'brand' : 'orange'}
      tt="none"
      fw={500}
      size="sm"
      leftSection={<IconPlugConnected size={12} aria-hidden />}
      title={t('agents.integrationBadge', { name })}
      maw={320}
    >
      {connected
        ? name
        : t('agentForm.integrationOption', {
            name,
            status: t(`integrationStatus.${integration.status}`),
          })}
    </Badge>
  );
}
