import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { activityTypes } from '@leadpilot/schemas/activity';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { integrationName } from '../integrations/integration-name';
import type { useActivityFilters } from './activity-filters';

type FiltersApi = ReturnType<typeof useActivityFilters>;

/** Types, agent, Kommo account, date range and a search on names; all kept in the URL. */
export function ActivityFilterBar({ filters, update, clear }: FiltersApi) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({ limit: 100 }));
  const integrations = useQuery(trpc.integrations.list.queryOptions());
  const [searchInput, setSearchInput] = useState(filters.search);
  // Back/forward (or clearing) changed the URL's search: show it in the box.
  const [shownSearch, setShownSearch] = useState(filters.search);
  if (filters.search !== shownSearch) {
    setShownSearch(filters.search);
    if (filters.search !== searchInput.trim()) setSearchInput(filters.search);
  }
  const commitSearch = useDebouncedCallback(
    (value: string) => update({ q: value.trim() || undefined }),
    300,
  );
  const active =
    filters.types.length > 0 ||
    Boolean(
      filters.agentId || filters.integrationId || filters.from || filters.to || filters.search,
    );

  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <TextInput
        label={t('activity.filters.search')}
        placeholder={t('activity.filters.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={searchInput}
        onChange={(e) => {
          setSearchInput(e.currentTarget.value);
          commitSearch(e.currentTarget.value);
        }}
        type="search"
        style={{ flex: '1 1 220px' }}
      />
      <MultiSelect
        label={t('activity.filters.types')}
        placeholder={filters.types.length ? undefined : t('activity.filters.allTypes')}
        data={activityTypes.map((type) => ({ value: type, label: t(`activity.type.${type}`) }))}
        value={filters.types}
        onChange={(types) => update({ types: types.join(',') || undefined })}
        searchable
        clearable
        maxDropdownHeight={320}
        style={{ flex: '1 1 220px' }}
        data-testid="filter-types"
      />
      <Select
        label={t('activity.filters.agent')}
        placeholder={t('activity.filters.allAgents')}
        data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={filters.agentId ?? null}
        onChange={(id) => update({ agent: id ?? undefined })}
        searchable
        clearable
        w={{ base: '100%', xs: 180 }}
      />
      <Select
        label={t('activity.filters.integration')}
        placeholder={t('activity.filters.allIntegrations')}
        data={(integrations.data ?? []).map((i) => ({ value: i.id, label: integrationName(i) }))}
        value={filters.integrationId ?? null}
        onChange={(id) => update({ integration: id ?? undefined })}
        clearable
        w={{ base: '100%', xs: 180 }}
      />
      <TextInput
        label={t('activity.filters.from')}
        type="date"
        value={filters.from ?? ''}
        max={filters.to}
        onChange={(e) => update({ from: e.currentTarget.value || undefined })}
        w={{ base: '48%', xs: 150 }}
      />
      <TextInput
        label={t('activity.filters.to')}
        type="date"
        value={filters.to ?? ''}
        min={filters.from}
        onChange={(e) => update({ to: e.currentTarget.value || undefined })}
        w={{ base: '48%', xs: 150 }}
      />
      {active && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={16} />}
          onClick={() => {
            setSearchInput('');
            clear();
          }}
        >
          {t('activity.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
