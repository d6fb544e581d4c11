import { Stack } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { usePageTitle } from '../../lib/use-page-title';
import { useTRPC } from '../../trpc/trpc';
import { ActivityChart } from './activity-chart';
import { ActivityFeed } from './activity-feed';
import { ActivityFilterBar } from './activity-filter-bar';
import { hasFilters, toQuery, useActivityFilters } from './activity-filters';
import { NewUpdatesPill } from './new-updates-pill';
import { StatsCards } from './stats-cards';
import { useActivityFeed } from './use-activity-feed';

/** Today and the six days before it, in the reader's time zone. */
function lastSevenDays() {
  const now = new Date();
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6);
  return { from, to, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** The landing page: the last 7 days in numbers and a chart, and the live feed below. */
export function DashboardPage() {
  // Another organisation is another feed: live entries and the stream start over.
  const { org } = useActiveOrg();
  return <Dashboard key={org.id} />;
}

function Dashboard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  usePageTitle(t('nav.dashboard'));

  const [range] = useState(lastSevenDays);
  const stats = useQuery(trpc.activity.stats.queryOptions(range, { meta: { inlineErrors: true } }));
  // New entries change the numbers: refresh them, at most about once a second.
  const refreshStats = useDebouncedCallback(
    () => void queryClient.invalidateQueries({ queryKey: trpc.activity.stats.queryKey() }),
    1000,
  );

  const filtersApi = useActivityFilters();
  const query = toQuery(filtersApi.filters);
  const feed = useActivityFeed(query, { onLive: refreshStats });

  return (
    <>
      <PageHeader title={t('nav.dashboard')} description={t('dashboard.description')} />
      <Stack gap="lg">
        {stats.isError && !stats.data ? (
          <ErrorState
            error={stats.error}
            onRetry={() => void stats.refetch()}
            retrying={stats.isFetching}
          />
        ) : (
          <>
            <StatsCards stats={stats.data} />
            <ActivityChart stats={stats.data} />
          </>
        )}
        <div>
          <ActivityFilterBar {...filtersApi} />
          <ActivityFeed
            feed={feed}
            filtered={hasFilters(query)}
            onClearFilters={filtersApi.clear}
          />
        </div>
      </Stack>
      <NewUpdatesPill count={feed.hiddenCount} onClick={feed.showHidden} />
    </>
  );
}
