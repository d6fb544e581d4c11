import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconPlugConnectedX,
  IconRefresh,
} from '@tabler/icons-react';
import { integrationStatusColors } from '../../components/integration-status-badge';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationDetail, IntegrationOptions } from '../../trpc/app-router';
import { useConnectKommo } from './use-connect-kommo';

interface IntegrationStatusPanelProps {
  integration: IntegrationDetail;
  canConnect: boolean;
  /** Undefined while loading or for members */
  options: IntegrationOptions | undefined;
}

/** What the status means, the server's reason, and the fix: "Reconnect" (owners and admins). */
export function IntegrationStatusPanel(props: IntegrationStatusPanelProps) {
  const { integration, canConnect, options } = props;
  const { t } = useI18n();
  const { connect, busy } = useConnectKommo();
  const { status, statusReason, kind } = integration;
  const connected = status === 'connected';
  // Connected, but with a note (e.g. Kommo refused the webhook): worth a yellow panel.
  const color = connected ? (statusReason ? 'yellow' : 'teal') : integrationStatusColors[status];
  const icon = connected ? (
    <IconCircleCheck size={18} />
  ) : status === 'disconnected' ? (
    <IconPlugConnectedX size={18} />
  ) : (
    <IconAlertTriangle size={18} />
  );
  const available = options ? (kind === 'kommo' ? options.real : options.demo) : false;

  return (
    <Alert
      color={color}
      variant="light"
      icon={icon}
      title={t(`integrationStatus.${status}.title`)}
      role={connected ? undefined : 'alert'}
    >
      <Stack gap="sm">
        <Text size="sm">{t(`integrationStatus.${status}.hint`)}</Text>
        {statusReason && (
          <Text size="sm" fw={500}>
            {t('integrations.reason', { reason: statusReason })}
          </Text>
        )}
        {!connected && (
          <Group gap="sm">
            {canConnect ? (
              <>
                <Button
                  leftSection={<IconRefresh size={16} />}
                  color={color === 'gray' ? undefined : color}
                  loading={busy}
                  disabled={!available}
                  onClick={() => connect(kind)}
                >
                  {t('integrations.reconnect')}
                </Button>
                {options && !available && (
                  <Text size="sm" c="dimmed">
                    {t('integrations.reconnectUnavailable')}
                  </Text>
                )}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('integrations.askAdmin')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
