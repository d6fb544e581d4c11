import { Badge, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { IntegrationStatusBadge } from '../../components/integration-status-badge';
import { useI18n } from '../../i18n/i18n-context';
import type { Integration } from '../../trpc/app-router';
import { integrationName } from './integration-name';
import { IntegrationWhen } from './integration-when';

export function IntegrationRow({ integration }: { integration: Integration }) {
  const { t, tp } = useI18n();
  const connected = integration.status === 'connected';
  const Icon = connected ? IconPlugConnected : IconPlugConnectedX;

  return (
    <Paper
      component={Link}
      to={`/integrations/${integration.id}`}
      p="md"
      className="lp-clickable-row"
      data-testid="integration-row"
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon
          size={40}
          radius="md"
          variant="light"
          color={connected ? 'brand' : 'gray'}
          aria-hidden
        >
          <Icon size={22} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
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
        </Stack>
      </Group>
    </Paper>
  );
}
