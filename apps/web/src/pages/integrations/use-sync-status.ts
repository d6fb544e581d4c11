import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../../trpc/trpc';

/** While a run is queued or running: every second. Otherwise a slow check for scheduled runs. */
const LIVE_INTERVAL = 1000;
const IDLE_INTERVAL = 30_000;

/**
 * The integration's sync status, polled every second while a run is active. When a run starts or
 * ends, the history is refreshed; when it ends, so is everything read from the Kommo mirror.
 */
export function useSyncStatus(integrationId: string, { enabled = true } = {}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(
    trpc.integrations.syncStatus.queryOptions(
      { id: integrationId },
      {
        enabled,
        meta: { inlineErrors: true },
        refetchInterval: (query) => (query.state.data?.active ? LIVE_INTERVAL : IDLE_INTERVAL),
      },
    ),
  );

  const activeId = status.data?.active?.id ?? null;
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = activeId;
    if (before === activeId) return;
    void queryClient.invalidateQueries(
      trpc.integrations.syncRuns.infiniteQueryFilter({ id: integrationId }),
    );
    if (before !== null) void queryClient.invalidateQueries(trpc.kommo.pathFilter());
  }, [activeId, integrationId, queryClient, trpc]);

  return status;
}
