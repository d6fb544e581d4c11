import { Button, Center, Group, Loader, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilter, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { agentStatusSchema } from '@leadpilot/schemas/agents';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { useTRPC } from '../../trpc/trpc';
import { AgentListSkeleton } from './agent-list-skeleton';
import { AgentRow } from './agent-row';
import { AgentsEmptyState } from './agents-empty-state';

const PAGE_SIZE = 20;
const ALL = 'all';

export function AgentsListPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { canEditAgents } = useActiveOrg();
  usePageTitle(t('nav.agents'));

  // The URL holds the filters: shareable, and kept on reload and back/forward.
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q')?.trim() ?? '';
  const status = agentStatusSchema.safeParse(searchParams.get('status')).data;
  const [searchInput, setSearchInput] = useState(search);
  // Back/forward (or a link) changed the URL's search: show it in the box.
  const [shownSearch, setShownSearch] = useState(search);
  if (search !== shownSearch) {
    setShownSearch(search);
    if (search !== searchInput.trim()) setSearchInput(search);
  }

  function setParam(name: string, value: string | undefined) {
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }
  const commitSearch = useDebouncedCallback(
    (value: string) => setParam('q', value.trim() || undefined),
    300,
  );

  const agents = useInfiniteQuery(
    trpc.agents.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, search: search || undefined, status },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
        meta: { inlineErrors: true },
      },
    ),
  );
  const items = agents.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(search || status);
  const refreshing = agents.isPlaceholderData && agents.isFetching;

  return (
    <>
      <PageHeader
        title={t('nav.agents')}
        description={t('agents.description')}
        actions={
          canEditAgents && (
            <Button component={Link} to="/agents/new" leftSection={<IconPlus size={16} />}>
              {t('agents.create')}
            </Button>
          )
        }
      />

      <Group gap="sm" mb="md" wrap="wrap">
        <TextInput
          aria-label={t('agents.searchLabel')}
          placeholder={t('agents.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={refreshing ? <Loader size={14} /> : null}
          value={searchInput}
          onChange={(e) => {
            setSearchInput(e.currentTarget.value);
            commitSearch(e.currentTarget.value);
          }}
          type="search"
          style={{ flex: '1 1 240px' }}
        />
        <NativeSelect
          aria-label={t('agents.statusFilter')}
          leftSection={<IconFilter size={16} aria-hidden />}
          value={status ?? ALL}
          onChange={(e) =>
            setParam('status', e.currentTarget.value === ALL ? undefined : e.currentTarget.value)
          }
          w={{ base: '100%', xs: 200 }}
          data={[
            { value: ALL, label: t('agents.allStatuses') },
            ...agentStatusSchema.options.map((s) => ({ value: s, label: t(`agentStatus.${s}`) })),
          ]}
        />
      </Group>

      {agents.isPending ? (
        <AgentListSkeleton />
      ) : agents.isError && items.length === 0 ? (
        <ErrorState
          error={agents.error}
          onRetry={() => void agents.refetch()}
          retrying={agents.isFetching}
        />
      ) : items.length === 0 ? (
        <AgentsEmptyState
          filtered={filtered}
          canCreate={canEditAgents}
          onClearFilters={() => {
            setSearchInput('');
            setSearchParams({}, { replace: true });
          }}
        />
      ) : (
        <Stack gap="sm" style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}>
          {items.map((agent) => (
            <AgentRow key={agent.id} agent={agent} />
          ))}
          {agents.hasNextPage && (
            <Center mt="sm">
              <Button
                variant="default"
                onClick={() => void agents.fetchNextPage()}
                loading={agents.isFetchingNextPage}
              >
                {t('agents.loadMore')}
              </Button>
            </Center>
          )}
          {agents.isFetchNextPageError && (
            <ErrorState
              error={agents.error}
              onRetry={() => void agents.fetchNextPage()}
              retrying={agents.isFetchingNextPage}
            />
          )}
        </Stack>
      )}
    </>
  );
}
