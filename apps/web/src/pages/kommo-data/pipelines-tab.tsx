import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { MirrorQueryState } from './mirror-query-state';
import type { MirrorTabProps } from './mirror-tab-props';
import { PipelineCard } from './pipeline-card';

export function PipelinesTab({ integrationId, neverSynced }: MirrorTabProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pipelines = useQuery(
    trpc.kommo.pipelines.queryOptions({ integrationId }, { meta: { inlineErrors: true } }),
  );
  return (
    <MirrorQueryState
      query={pipelines}
      integrationId={integrationId}
      neverSynced={neverSynced}
      emptyMessage={t('kommoData.emptyPipelines')}
    >
      {(items) => (
        <Stack gap="md">
          {items.map((pipeline) => (
            <PipelineCard key={pipeline.kommoId} pipeline={pipeline} />
          ))}
        </Stack>
      )}
    </MirrorQueryState>
  );
}
