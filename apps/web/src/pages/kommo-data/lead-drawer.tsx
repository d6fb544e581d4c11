import { Drawer, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../components/error-state';
import { useI18n } from '../../i18n/i18n-context';
import { apiErrorCode } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { LeadContacts } from './lead-contacts';
import { LeadSummary } from './lead-summary';
import { LeadTasks } from './lead-tasks';
import { LeadTimeline } from './lead-timeline';

interface LeadDrawerProps {
  integrationId: string;
  /** The open lead (`?lead=`); undefined: closed. */
  kommoId: number | undefined;
  pipelineNames: Map<number, string>;
  onClose: () => void;
}

/** One lead from the mirror: its details, contacts and tasks. */
export function LeadDrawer({ integrationId, kommoId, pipelineNames, onClose }: LeadDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      opened={kommoId !== undefined}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('kommoData.leadDetails')}
      closeButtonProps={{ 'aria-label': t('common.dismiss') }}
    >
      {kommoId !== undefined && (
        <LeadDrawerContent
          integrationId={integrationId}
          kommoId={kommoId}
          pipelineNames={pipelineNames}
        />
      )}
    </Drawer>
  );
}

function LeadDrawerContent(
  props: Omit<LeadDrawerProps, 'onClose' | 'kommoId'> & { kommoId: number },
) {
  const { integrationId, kommoId, pipelineNames } = props;
  const { t } = useI18n();
  const trpc = useTRPC();
  const lead = useQuery(
    trpc.kommo.lead.queryOptions({ integrationId, kommoId }, { meta: { inlineErrors: true } }),
  );

  if (lead.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton h={24} w="60%" />
        <Skeleton h={16} />
        <Skeleton h={16} w="80%" />
        <Skeleton h={80} />
      </Stack>
    );
  }
  if (!lead.data) {
    return apiErrorCode(lead.error) === 'NOT_FOUND' ? (
      <Paper p="md" withBorder>
        <Text size="sm" c="dimmed">
          {t('kommoData.leadNotFound')}
        </Text>
      </Paper>
    ) : (
      <ErrorState
        error={lead.error}
        onRetry={() => void lead.refetch()}
        retrying={lead.isFetching}
      />
    );
  }
  const data = lead.data;
  return (
    <Stack gap="xl">
      <LeadSummary
        lead={data}
        pipelineName={
          data.pipelineKommoId === null ? undefined : pipelineNames.get(data.pipelineKommoId)
        }
      />
      <LeadContacts contacts={data.contacts} />
      <LeadTimeline integrationId={integrationId} leadId={kommoId} />
      <LeadTasks tasks={data.tasks} />
    </Stack>
  );
}
