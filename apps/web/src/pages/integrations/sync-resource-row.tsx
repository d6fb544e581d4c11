import { Group, Loader, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconClock } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncResourceProgress } from '../../trpc/app-router';
import { syncResourceName } from './sync-resource-name';

function StatusIcon({ status }: { status: SyncResourceProgress['status'] }) {
  if (status === 'running') return <Loader size={18} aria-hidden />;
  const [color, Icon] =
    status === 'done'
      ? ['teal', IconCircleCheck]
      : status === 'failed'
        ? ['red', IconAlertCircle]
        : ['gray', IconClock];
  return (
    <ThemeIcon size={20} radius="xl" variant="transparent" color={color} aria-hidden>
      <Icon size={18} />
    </ThemeIcon>
  );
}

interface SyncResourceRowProps {
  resource: string;
  progress: SyncResourceProgress;
}

/** One resource of a run: its state, "+created ~updated −removed of total", and its error. */
export function SyncResourceRow({ resource, progress }: SyncResourceRowProps) {
  const { t } = useI18n();
  const counts = {
    created: progress.created,
    updated: progress.updated,
    removed: progress.removed,
    total: progress.total,
  };
  return (
    <li data-testid="sync-resource-row" style={{ listStyle: 'none' }}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <StatusIcon status={progress.status} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" fw={500}>
              {syncResourceName(resource, t)}{' '}
              <Text component="span" size="xs" c="dimmed">
                {t(`syncResourceStatus.${progress.status}`)}
              </Text>
            </Text>
            {progress.status !== 'pending' && (
              <Tooltip label={t('sync.countsHint', counts)} openDelay={300}>
                <Text size="xs" c="dimmed" ff="monospace" tabIndex={0}>
                  {t('sync.counts', counts)}
                </Text>
              </Tooltip>
            )}
          </Group>
          {progress.error && (
            <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
              {progress.error}
            </Text>
          )}
        </div>
      </Group>
    </li>
  );
}
