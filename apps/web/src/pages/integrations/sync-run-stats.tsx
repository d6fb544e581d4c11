import { Group, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncRun } from '../../trpc/app-router';

/** Requests made, retries, and how often Kommo answered 429 (too many requests). */
export function SyncRunStats({
  run,
}: {
  run: Pick<SyncRun, 'requests' | 'retries' | 'rateLimited'>;
}) {
  const { t } = useI18n();
  const stats: [string, number][] = [
    [t('sync.requests'), run.requests],
    [t('sync.retries'), run.retries],
    [t('sync.rateLimited'), run.rateLimited],
  ];
  return (
    <Group gap="lg" component="dl" m={0}>
      {stats.map(([label, value]) => (
        <Group key={label} gap={6} wrap="nowrap">
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text
            component="dd"
            size="sm"
            fw={600}
            m={0}
            c={label === t('sync.rateLimited') && value > 0 ? 'orange.8' : undefined}
          >
            {value}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
