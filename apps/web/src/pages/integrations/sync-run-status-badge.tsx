import { Badge, Loader } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { SyncRunStatus } from '../../trpc/app-router';

export const syncRunStatusColors: Record<SyncRunStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  partially_failed: 'orange',
  failed: 'red',
};

interface SyncRunStatusBadgeProps {
  status: SyncRunStatus;
  /** `sync-status` on the card's current/last run only, not on every history row. */
  testId?: string;
}

export function SyncRunStatusBadge({ status, testId }: SyncRunStatusBadgeProps) {
  const { t } = useI18n();
  const live = status === 'queued' || status === 'running';
  return (
    <Badge
      color={syncRunStatusColors[status]}
      variant="light"
      tt="none"
      fw={500}
      leftSection={live ? <Loader size={10} color={syncRunStatusColors[status]} /> : undefined}
      data-testid={testId}
    >
      {t(`syncStatus.${status}`)}
    </Badge>
  );
}
