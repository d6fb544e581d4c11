import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { ClickableRow } from '../../components/clickable-row';
import { IntegrationStatusBadge } from '../../components/integration-status-badge';
import { useI18n } from '../../i18n/i18n-context';
import type { Integration } from '../../trpc/app-router';
import { integrationName } from './integration-name';
import { IntegrationWhen } from './integration-when';

export function IntegrationRow({ integration }: { integration: Integration }) {
  const { t, tp } = useI18n();
  const connected = integration.status === 'connected';

  return (
    <ClickableRow
      to={`/integrations/${integration.id}`}
      testId="integration-row"
      icon={connected ? IconPlugConnected : IconPlugConnectedX}
      live={connected}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {integrationName(integration)}
          </Text>
          {integration.kind === 'kommo_demo' && (
            <Tooltip label={t('integrationKind.kommo_demo')} openDelay={400}>
              <Badge variant="light" color="violet" size="sm" tt="none">
                {t('integrationKind.demoBadge')}
              </Badge>
            </Tooltip>
          )}
          <IntegrationStatusBadge status={integration.status} />
        </Group>
        <IntegrationWhen integration={integration} />
      </Group>
      <Text size="sm" c="dimmed" truncate>
        {integration.host}
      </Text>
      {!connected && integration.statusReason && (
        <Text size="sm" c={integration.status === 'disconnected' ? 'dimmed' : 'orange.8'}>
          {t('integrations.reason', { reason: integration.statusReason })}
        </Text>
      )}
      <Group gap={6} mt={2}>
        <Badge variant="light" color="gray" tt="none" fw={500} size="sm">
          {tp('integrations.agentCount', integration.agentCount)}
        </Badge>
      </Group>
    </ClickableRow>
  );
}
