import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationOptions } from '../../trpc/app-router';
import { ConnectKommoButtons } from './connect-kommo-buttons';

interface IntegrationsEmptyStateProps {
  canConnect: boolean;
  /** Undefined while loading (or failed: the page says so above) */
  options: IntegrationOptions | undefined;
  optionsFailed: boolean;
}

/** No Kommo account yet: what connecting does, and (for admins) the ways to connect. */
export function IntegrationsEmptyState(props: IntegrationsEmptyStateProps) {
  const { canConnect, options, optionsFailed } = props;
  const { t } = useI18n();
  return (
    <Paper p="xl" style={{ borderStyle: 'dashed' }}>
      <Stack align="center" ta="center" gap="sm" py="xl">
        <ThemeIcon size={56} radius="xl" variant="light" color="brand" aria-hidden>
          <IconPlugConnected size={28} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          {t('integrations.emptyTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={520}>
          {canConnect ? t('integrations.emptyMessage') : t('integrations.emptyMessageMember')}
        </Text>
        {canConnect && !optionsFailed && (
          <Stack mt="sm" align="center" w="100%">
            <ConnectKommoButtons options={options} withHints />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
