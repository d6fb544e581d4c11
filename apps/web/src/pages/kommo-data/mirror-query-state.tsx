import { Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/error-state';
import { MirrorEmptyState } from './mirror-empty-state';

interface MirrorQueryStateProps<T> {
  query: UseQueryResult<T[], unknown>;
  integrationId: string;
  /** No sync has finished yet (lastSyncedAt is null): an empty list means "not synced", not "none". */
  neverSynced: boolean;
  /** Said when the account was synced and really has none. */
  emptyMessage: string;
  children: (items: T[]) => ReactNode;
}

/** Loading, failed, empty ("Not synced yet — press Sync now" or "Nothing here"), else the list. */
export function MirrorQueryState<T>(props: MirrorQueryStateProps<T>) {
  const { query, integrationId, neverSynced, emptyMessage, children } = props;
  if (query.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    );
  }
  if (query.isError && !query.data) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  const items = query.data ?? [];
  if (items.length > 0) return children(items);
  return (
    <MirrorEmptyState
      integrationId={integrationId}
      neverSynced={neverSynced}
      emptyMessage={emptyMessage}
    />
  );
}
