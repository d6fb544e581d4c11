import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncRun } from '../../trpc/app-router';
import { orderedResources } from './sync-resource-name';
import { SyncResourceRow } from './sync-resource-row';
import { SyncRunStats } from './sync-run-stats';
import { SyncRunStatusBadge } from './sync-run-status-badge';

/** The live view of a queued or running run: overall bar, one row per resource, request stats. */
export function SyncRunProgress({ run }: { run: SyncRun }) {
  const { t, format } = useI18n();
  const resources = orderedResources(run.progress);
  const finished = resources.filter(([, p]) => p.status === 'done' || p.status === 'failed').length;
  const percent = resources.length > 0 ? Math.round((finished / resources.length) * 100) : 0;
  const since = run.startedAt ?? run.createdAt;

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Group gap="sm">
          <SyncRunStatusBadge status={run.status} testId="sync-status" />
          <Tooltip label={format.dateTime(since)} openDelay={400}>
            <Text size="xs" c="dimmed">
              {run.startedAt
                ? t('sync.startedAgo', { when: format.relative(since) })
                : t('sync.queuedAgo', { when: format.relative(since) })}
            </Text>
          </Tooltip>
        </Group>
        {resources.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('sync.resourcesDone', { done: finished, total: resources.length })}
          </Text>
        )}
      </Group>
      <Progress value={percent} animated striped size="md" aria-label={t('sync.progressLabel')} />
      {resources.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sync.waiting')}
        </Text>
      ) : (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          aria-label={t('sync.resourcesLabel')}
          aria-live="polite"
          aria-busy="true"
        >
          {resources.map(([key, progress]) => (
            <SyncResourceRow key={key} resource={key} progress={progress} />
          ))}
        </Stack>
      )}
      <SyncRunStats run={run} />
    </Stack>
  );
}
