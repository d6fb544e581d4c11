import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { MirrorQueryState } from './mirror-query-state';
import type { MirrorTabProps } from './mirror-tab-props';
import { SourceRow } from './source-row';

export function SourcesTab({ integrationId, neverSynced }: MirrorTabProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const sources = useQuery(
    trpc.kommo.sources.queryOptions({ integrationId }, { meta: { inlineErrors: true } }),
  );
  // Pipeline names for the sources' pipeline ids (shared with the Pipelines tab's cache).
  const pipelines = useQuery(trpc.kommo.pipelines.queryOptions({ integrationId }));
  const pipelineNames = new Map(pipelines.data?.map((p) => [p.kommoId, p.name]));
  const pipelineName = (id: number | null) =>
    id === null
      ? undefined
      : (pipelineNames.get(id) ??
        (pipelines.isPending ? undefined : t('kommoData.pipelineId', { id })));

  return (
    <MirrorQueryState
      query={sources}
      integrationId={integrationId}
      neverSynced={neverSynced}
      emptyMessage={t('kommoData.emptySources')}
    >
      {(items) => (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label={t('kommoData.sourcesLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('kommoData.col.name')}</Table.Th>
                <Table.Th>{t('kommoData.col.originCode')}</Table.Th>
                <Table.Th>{t('kommoData.col.pipeline')}</Table.Th>
                <Table.Th>{t('kommoData.col.default')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((source) => (
                <SourceRow
                  key={source.kommoId}
                  source={source}
                  pipelineName={pipelineName(source.pipelineKommoId)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </MirrorQueryState>
  );
}
