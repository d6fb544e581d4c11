import { Alert, Button, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconDatabase, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { useTRPC } from '../../trpc/trpc';
import { SyncRunOutcome } from './sync-run-outcome';
import { SyncRunProgress } from './sync-run-progress';
import { useSyncStatus } from './use-sync-status';

interface SyncCardProps {
  integrationId: string;
  canSync: boolean;
}

/** When Kommo was last copied, "Sync now" (admins), and the current run live or the last outcome. */
export function SyncCard({ integrationId, canSync }: SyncCardProps) {
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useSyncStatus(integrationId);
  const sync = useMutation(
    trpc.integrations.sync.mutationOptions({
      onSuccess: async ({ alreadyRunning }) => {
        notifySuccess(alreadyRunning ? t('sync.alreadyRunning') : t('sync.started'));
        // The status now has an active run: the card goes live and polls every second.
        await queryClient.invalidateQueries(
          trpc.integrations.syncStatus.queryFilter({ id: integrationId }),
        );
      },
    }),
  );
  const data = status.data;
  const active = data?.active ?? null;
  const lastSyncedAt = data?.lastSyncedAt ?? null;

  return (
    <FormSection title={t('sync.title')} description={t('sync.description')}>
      <Group justify="space-between" gap="md" wrap="wrap">
        {status.isPending ? (
          <Skeleton h={16} w={180} />
        ) : lastSyncedAt ? (
          <Tooltip label={format.dateTime(lastSyncedAt)} openDelay={400}>
            <Text size="sm" fw={500}>
              {t('sync.lastSynced', { when: format.relative(lastSyncedAt) })}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            {t('sync.neverSynced')}
          </Text>
        )}
        <Group gap="sm">
          <Button
            component={Link}
            to={`/integrations/${integrationId}/data`}
            variant="default"
            leftSection={<IconDatabase size={16} />}
          >
            {t('sync.browseData')}
          </Button>
          {canSync && (
            <Button
              leftSection={<IconRefresh size={16} />}
              loading={sync.isPending || active !== null}
              disabled={status.isPending}
              onClick={() => sync.mutate({ id: integrationId })}
            >
              {t('sync.syncNow')}
            </Button>
          )}
        </Group>
      </Group>
      {!canSync && (
        <Text size="xs" c="dimmed">
          {t('sync.askAdmin')}
        </Text>
      )}

      {status.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton h={22} w={110} />
          <Skeleton h={12} />
        </Stack>
      ) : status.isError && !data ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('sync.statusFailed')}</Text>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              onClick={() => void status.refetch()}
              loading={status.isFetching}
            >
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      ) : active ? (
        <SyncRunProgress run={active} />
      ) : data?.last ? (
        <SyncRunOutcome run={data.last} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('sync.noRuns')}
        </Text>
      )}
    </FormSection>
  );
}
