import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh, IconSettingsOff } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationOptions } from '../../trpc/app-router';

/**
 * For admins: why there is nothing to click. The connection options could not be loaded, or the
 * server has neither a Kommo app nor the demo account.
 */
export function ConnectAvailabilityAlert({
  options,
}: {
  options: UseQueryResult<IntegrationOptions, unknown>;
}) {
  const { t } = useI18n();
  if (options.isError && !options.data) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t('integrations.optionsFailed')}</Text>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => void options.refetch()}
            loading={options.isFetching}
          >
            {t('common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (!options.data || options.data.real || options.data.demo) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconSettingsOff size={18} />}
      title={t('integrations.notConfiguredTitle')}
    >
      {t('integrations.notConfiguredMessage')}
    </Alert>
  );
}
