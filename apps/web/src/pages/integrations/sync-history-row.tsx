import { Table, Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncRun } from '../../trpc/app-router';
import { formatDuration } from './format-duration';
import { SyncRunStatusBadge } from './sync-run-status-badge';

/** One run in the history table. */
export function SyncHistoryRow({ run }: { run: SyncRun }) {
  const { t, format, locale } = useI18n();
  const none = (
    <Text component="span" size="sm" c="dimmed">
      {t('common.none')}
    </Text>
  );
  const duration =
    run.startedAt && run.finishedAt
      ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime(), locale)
      : null;
  return (
    <Table.Tr data-testid="sync-history-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={format.dateTime(run.createdAt)} openDelay={400}>
          <Text component="span" size="sm">
            {format.relative(run.createdAt)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>{t(`syncTrigger.${run.trigger}`)}</Table.Td>
      <Table.Td>
        <SyncRunStatusBadge status={run.status} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{duration ?? none}</Table.Td>
      <Table.Td ta="right">{run.requests}</Table.Td>
      <Table.Td ta="right">{run.retries}</Table.Td>
      <Table.Td ta="right" c={run.rateLimited > 0 ? 'orange.8' : undefined}>
        {run.rateLimited}
      </Table.Td>
      <Table.Td maw={260}>
        {run.error ? (
          <Tooltip label={run.error} multiline maw={360} openDelay={300}>
            <Text size="sm" c="red.8" lineClamp={2} tabIndex={0}>
              {run.error}
            </Text>
          </Tooltip>
        ) : (
          none
        )}
      </Table.Td>
    </Table.Tr>
  );
}
