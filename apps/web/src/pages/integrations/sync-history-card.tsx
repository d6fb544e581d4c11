import { Button, Center, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/error-state';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { SyncHistoryRow } from './sync-history-row';

const PAGE_SIZE = 10;

/** Past and current runs, newest first, a page at a time ("Load more"). */
export function SyncHistoryCard({ integrationId }: { integrationId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const runs = useInfiniteQuery(
    trpc.integrations.syncRuns.infiniteQueryOptions(
      { id: integrationId, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, meta: { inlineErrors: true } },
    ),
  );
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];

  let content;
  if (runs.isPending) {
    content = (
      <Stack gap="xs" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (runs.isError && items.length === 0) {
    content = (
      <ErrorState
        error={runs.error}
        onRetry={() => void runs.refetch()}
        retrying={runs.isFetching}
      />
    );
  } else if (items.length === 0) {
    content = (
      <Text size="sm" c="dimmed">
        {t('syncHistory.empty')}
      </Text>
    );
  } else {
    content = (
      <>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('syncHistory.when')}</Table.Th>
                <Table.Th>{t('syncHistory.trigger')}</Table.Th>
                <Table.Th>{t('syncHistory.status')}</Table.Th>
                <Table.Th>{t('syncHistory.duration')}</Table.Th>
                <Table.Th ta="right">{t('syncHistory.requests')}</Table.Th>
                <Table.Th ta="right">{t('syncHistory.retries')}</Table.Th>
                <Table.Th ta="right">{t('syncHistory.rateLimited')}</Table.Th>
                <Table.Th>{t('syncHistory.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((run) => (
                <SyncHistoryRow key={run.id} run={run} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {runs.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void runs.fetchNextPage()}
              loading={runs.isFetchingNextPage}
            >
              {t('syncHistory.loadMore')}
            </Button>
          </Center>
        )}
        {runs.isFetchNextPageError && (
          <ErrorState
            error={runs.error}
            onRetry={() => void runs.fetchNextPage()}
            retrying={runs.isFetchingNextPage}
          />
        )}
      </>
    );
  }

  return (
    <FormSection title={t('syncHistory.title')} description={t('syncHistory.description')}>
      {content}
    </FormSection>
  );
}
