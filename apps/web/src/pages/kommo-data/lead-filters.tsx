import { Group, Loader, NativeSelect, TextInput } from '@mantine/core';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoPipeline } from '../../trpc/app-router';

export const ALL = 'all';

interface LeadFiltersProps {
  searchInput: string;
  onSearchInput: (value: string) => void;
  pipelineId: number | undefined;
  stageId: number | undefined;
  onFilter: (name: 'pipeline' | 'stage', value: number | undefined) => void;
  /** Undefined while loading */
  pipelines: KommoPipeline[] | undefined;
  refreshing: boolean;
}

/** Search by name (debounced by the caller), pipeline, and a stage of the chosen pipeline. */
export function LeadFilters(props: LeadFiltersProps) {
  const { searchInput, onSearchInput, pipelineId, stageId, onFilter, pipelines, refreshing } =
    props;
  const { t } = useI18n();
  const pipeline = pipelines?.find((p) => p.kommoId === pipelineId);
  const stages = pipeline ? [...pipeline.stages].sort((a, b) => a.sort - b.sort) : [];
  const toNumber = (value: string) => (value === ALL ? undefined : Number(value));

  return (
    <Group gap="sm" wrap="wrap">
      <TextInput
        aria-label={t('kommoData.leadSearchLabel')}
        placeholder={t('kommoData.leadSearchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={refreshing ? <Loader size={14} /> : null}
        value={searchInput}
        onChange={(e) => onSearchInput(e.currentTarget.value)}
        type="search"
        style={{ flex: '1 1 220px' }}
      />
      <NativeSelect
        aria-label={t('kommoData.pipelineFilter')}
        leftSection={<IconFilter size={16} aria-hidden />}
        value={pipelineId === undefined ? ALL : String(pipelineId)}
        onChange={(e) => onFilter('pipeline', toNumber(e.currentTarget.value))}
        disabled={!pipelines}
        w={{ base: '100%', xs: 200 }}
        data={[
          { value: ALL, label: t('kommoData.allPipelines') },
          ...(pipelines ?? []).map((p) => ({ value: String(p.kommoId), label: p.name })),
        ]}
      />
      <NativeSelect
        aria-label={t('kommoData.stageFilter')}
        value={stageId === undefined ? ALL : String(stageId)}
        onChange={(e) => onFilter('stage', toNumber(e.currentTarget.value))}
        // Stage ids such as 142 (won) repeat in every pipeline: choose the pipeline first.
        disabled={!pipeline}
        w={{ base: '100%', xs: 200 }}
        data={[
          { value: ALL, label: t('kommoData.allStages') },
          ...stages.map((s) => ({ value: String(s.kommoId), label: s.name })),
        ]}
      />
    </Group>
  );
}
