import { Button, Center, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../components/error-state';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { LeadDrawer } from './lead-drawer';
import { LeadFilters } from './lead-filters';
import { LeadRow } from './lead-row';
import { MirrorEmptyState } from './mirror-empty-state';
import type { MirrorTabProps } from './mirror-tab-props';

const PAGE_SIZE = 25;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Leads, newest change first: `?q=`, `?pipeline=`, `?stage=` filter, `?lead=` opens the drawer. */
export function LeadsTab({ integrationId, neverSynced }: MirrorTabProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q')?.trim() ?? '';
  const pipelineId = positiveInt(searchParams.get('pipeline'));
  const stageId = pipelineId === undefined ? undefined : positiveInt(searchParams.get('stage'));
  const openLeadId = positiveInt(searchParams.get('lead'));
  const [searchInput, setSearchInput] = useState(search);
  // Back/forward (or a link) changed the URL's search: show it in the box.
  const [shownSearch, setShownSearch] = useState(search);
  if (search !== shownSearch) {
    setShownSearch(search);
    if (search !== searchInput.trim()) setSearchInput(search);
  }

  function setParams(changes: Record<string, string | undefined>) {
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }
  const commitSearch = useDebouncedCallback(
    (value: string) => setParams({ q: value.trim() || undefined }),
    300,
  );

  const pipelines = useQuery(trpc.kommo.pipelines.queryOptions({ integrationId }));
  const leads = useInfiniteQuery(
    trpc.kommo.leads.infiniteQueryOptions(
      {
        integrationId,
        limit: PAGE_SIZE,
        search: search || undefined,
        pipelineId,
        statusId: stageId,
      },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
        meta: { inlineErrors: true },
      },
    ),
  );
  const items = leads.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(search || pipelineId);
  const refreshing = leads.isPlaceholderData && leads.isFetching;
  const pipelineNames = new Map(pipelines.data?.map((p) => [p.kommoId, p.name]));

  let content;
  if (leads.isPending) {
    content = (
      <Stack gap="sm" aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    );
  } else if (leads.isError && items.length === 0) {
    content = (
      <ErrorState
        error={leads.error}
        onRetry={() => void leads.refetch()}
        retrying={leads.isFetching}
      />
    );
  } else if (items.length === 0 && filtered) {
    content = (
      <Paper p="xl" style={{ borderStyle: 'dashed' }}>
        <Stack align="center" ta="center" gap="sm" py="md">
          <Title order={2} fz="lg">
            {t('kommoData.noMatchingLeadsTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('kommoData.noMatchingLeads')}
          </Text>
          <Button
            variant="default"
            onClick={() => {
              setSearchInput('');
              setParams({ q: undefined, pipeline: undefined, stage: undefined });
            }}
          >
            {t('kommoData.clearFilters')}
          </Button>
        </Stack>
      </Paper>
    );
  } else if (items.length === 0) {
    content = (
      <MirrorEmptyState
        integrationId={integrationId}
        neverSynced={neverSynced}
        emptyMessage={t('kommoData.emptyLeads')}
      />
    );
  } else {
    content = (
      <Stack gap="sm" style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" highlightOnHover aria-label={t('kommoData.leadsLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('kommoData.col.lead')}</Table.Th>
                <Table.Th ta="right">{t('kommoData.col.price')}</Table.Th>
                <Table.Th>{t('kommoData.col.stage')}</Table.Th>
                <Table.Th>{t('kommoData.col.responsible')}</Table.Th>
                <Table.Th>{t('kommoData.col.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((lead) => (
                <LeadRow
                  key={lead.kommoId}
                  lead={lead}
                  pipelineName={
                    lead.pipelineKommoId === null
                      ? undefined
                      : pipelineNames.get(lead.pipelineKommoId)
                  }
                  onOpen={() => setParams({ lead: String(lead.kommoId) })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {leads.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void leads.fetchNextPage()}
              loading={leads.isFetchingNextPage}
            >
              {t('kommoData.loadMore')}
            </Button>
          </Center>
        )}
        {leads.isFetchNextPageError && (
          <ErrorState
            error={leads.error}
            onRetry={() => void leads.fetchNextPage()}
            retrying={leads.isFetchingNextPage}
          />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <LeadFilters
        searchInput={searchInput}
        onSearchInput={(value) => {
          setSearchInput(value);
          commitSearch(value);
        }}
        pipelineId={pipelineId}
        stageId={stageId}
        onFilter={(name, value) =>
          // A new pipeline has other stages: the stage filter starts over.
          setParams(
            name === 'pipeline'
              ? { pipeline: value?.toString(), stage: undefined }
              : { stage: value?.toString() },
          )
        }
        pipelines={pipelines.data}
        refreshing={refreshing}
      />
      {content}
      <LeadDrawer
        integrationId={integrationId}
        kommoId={openLeadId}
        pipelineNames={pipelineNames}
        onClose={() => setParams({ lead: undefined })}
      />
    </Stack>
  );
}
