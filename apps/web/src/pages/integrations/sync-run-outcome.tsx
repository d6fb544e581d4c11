import { Alert, Group, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncRun } from '../../trpc/app-router';
import { orderedResources, syncResourceName } from './sync-resource-name';
import { SyncRunStats } from './sync-run-stats';
import { SyncRunStatusBadge, syncRunStatusColors } from './sync-run-status-badge';

type FinishedStatus = 'succeeded' | 'partially_failed' | 'failed';

const icons = {
  succeeded: IconCircleCheck,
  partially_failed: IconAlertTriangle,
  failed: IconCircleX,
};

/** How the latest finished run went: green, orange with what failed and why, or red with why. */
export function SyncRunOutcome({ run }: { run: SyncRun }) {
  const { t, format } = useI18n();
  // Only finished runs come here; a stale "running" (if ever) reads like a failure would.
  const status: FinishedStatus =
    run.status === 'succeeded' || run.status === 'partially_failed' ? run.status : 'failed';
  const Icon = icons[status];
  const failed = orderedResources(run.progress).filter(([, p]) => p.status === 'failed');
  const finishedAt = run.finishedAt ?? run.createdAt;

  return (
    <Alert
      color={syncRunStatusColors[status]}
      variant="light"
      icon={<Icon size={18} />}
      title={t(`sync.outcome.${status}`)}
      role={status === 'succeeded' ? 'status' : 'alert'}
    >
      <Stack gap="sm">
        <Group gap="sm">
          <SyncRunStatusBadge status={run.status} testId="sync-status" />
          <Tooltip label={format.dateTime(finishedAt)} openDelay={400}>
            <Text size="xs" c="dimmed">
              {t('sync.finishedAgo', { when: format.relative(finishedAt) })}
            </Text>
          </Tooltip>
        </Group>
        {status === 'succeeded' && <Text size="sm">{t('sync.outcome.succeededHint')}</Text>}
        {run.error && (
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {run.error}
          </Text>
        )}
        {status === 'partially_failed' && failed.length > 0 && (
          <div>
            <Text size="sm">{t('sync.outcome.partialHint')}</Text>
            <List size="sm" mt={4} spacing={2}>
              {failed.map(([key, progress]) => (
                <List.Item key={key} style={{ overflowWrap: 'anywhere' }}>
                  <Text component="span" size="sm" fw={500}>
                    {syncResourceName(key, t)}
                  </Text>
                  {progress.error && `: ${progress.error}`}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <SyncRunStats run={run} />
      </Stack>
    </Alert>
  );
}
