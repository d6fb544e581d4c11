import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { useI18n } from '../../i18n/i18n-context';
import { ActivityRow } from './activity-row';
import type { useActivityFeed } from './use-activity-feed';

type Feed = ReturnType<typeof useActivityFeed>;

function LiveBadge({ status }: { status: Feed['liveStatus'] }) {
  const { t } = useI18n();
  if (status === 'pending')
    return (
      <Badge variant="dot" color="green" tt="none" data-testid="live-status">
        {t('activity.live')}
      </Badge>
    );
  if (status === 'error')
    return (
      <Text size="xs" c="red" data-testid="live-status">
        {t('activity.liveStopped')}
      </Text>
    );
  return (
    <Badge variant="dot" color="gray" tt="none" data-testid="live-status">
      {t('activity.reconnecting')}
    </Badge>
  );
}

/** Recent updates: newest first, live, loading further pages as the reader scrolls. */
export function ActivityFeed({
  feed,
  filtered,
  onClearFilters,
}: {
  feed: Feed;
  filtered: boolean;
  onClearFilters: () => void;
}) {
  const { t } = useI18n();
  const { canEditAgents } = useActiveOrg();
  const { pages, items } = feed;
  const { ref: sentinel, entry } = useIntersection({ rootMargin: '600px' });
  const nearEnd = entry?.isIntersecting ?? false;
  useEffect(() => {
    if (nearEnd && pages.hasNextPage && !pages.isFetchingNextPage && !pages.isFetchNextPageError)
      void pages.fetchNextPage();
  }, [nearEnd, pages]);
  const refreshing = pages.isPlaceholderData && pages.isFetching;

  let body;
  if (pages.isPending) {
    body = (
      <Stack gap="xs" aria-busy>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={58} radius="lg" />
        ))}
      </Stack>
    );
  } else if (pages.isError && items.length === 0) {
    body = (
      <ErrorState
        error={pages.error}
        onRetry={() => void pages.refetch()}
        retrying={pages.isFetching}
      />
    );
  } else if (items.length === 0) {
    body = (
      <Paper p="xl" data-testid="activity-empty">
        <Stack align="center" gap="sm" ta="center" py="md">
          <Title order={3} fz="lg">
            {filtered ? t('activity.emptyFiltered.title') : t('activity.empty.title')}
          </Title>
          <Text c="dimmed" maw={460}>
            {filtered ? t('activity.emptyFiltered.message') : t('activity.empty.message')}
          </Text>
          {filtered ? (
            <Button variant="default" onClick={onClearFilters}>
              {t('activity.filters.clear')}
            </Button>
          ) : (
            canEditAgents && (
              <Group gap="sm" justify="center">
                <Button component={Link} to="/agents/new" leftSection={<IconPlus size={16} />}>
                  {t('activity.empty.createAgent')}
                </Button>
                <Button
                  component={Link}
                  to="/integrations"
                  variant="default"
                  leftSection={<IconPlugConnected size={16} />}
                >
                  {t('activity.empty.connect')}
                </Button>
              </Group>
            )
          )}
        </Stack>
      </Paper>
    );
  } else {
    body = (
      <Stack
        gap="xs"
        role="feed"
        aria-label={t('activity.feedLabel')}
        aria-busy={pages.isFetchingNextPage}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        {items.map((entry) => (
          <ActivityRow key={entry.id} entry={entry} isNew={feed.newIds.has(entry.id)} />
        ))}
        <div ref={sentinel} />
        {pages.isFetchingNextPage && (
          <Center py="sm">
            <Loader size="sm" />
          </Center>
        )}
        {pages.isFetchNextPageError && (
          <ErrorState
            error={pages.error}
            onRetry={() => void pages.fetchNextPage()}
            retrying={pages.isFetchingNextPage}
          />
        )}
        {!pages.hasNextPage && (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('activity.end')}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <section aria-labelledby="recent-updates-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id="recent-updates-title">
          {t('dashboard.recentUpdates')}
        </Title>
        <LiveBadge status={feed.liveStatus} />
      </Group>
      {body}
    </section>
  );
}
