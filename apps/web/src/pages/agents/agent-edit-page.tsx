import { Alert, Anchor, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useParams } from 'react-router';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { AgentForm } from './agent-form';
import { AgentStatusBadge } from './agent-status-badge';

function BackToAgents() {
  const { t } = useI18n();
  return (
    <Anchor component={Link} to="/agents" size="sm" c="dimmed" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('nav.agents')}
      </Group>
    </Anchor>
  );
}

export function NewAgentPage() {
  const { t } = useI18n();
  const { canEditAgents } = useActiveOrg();
  usePageTitle(t('agents.newTitle'));
  if (!canEditAgents) return <Navigate to="/agents" replace />;
  return (
    <>
      <PageHeader
        above={<BackToAgents />}
        title={t('agents.newTitle')}
        description={t('agents.newDescription')}
      />
      <AgentForm readOnly={false} />
    </>
  );
}

export function EditAgentPage() {
  const { id = '' } = useParams();
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const { canEditAgents } = useActiveOrg();
  const agent = useQuery(trpc.agents.get.queryOptions({ id }, { meta: { inlineErrors: true } }));
  usePageTitle(agent.data?.name ?? t('nav.agents'));

  if (agent.isPending) return <AgentFormSkeleton />;
  if (agent.isError) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(apiErrorCode(agent.error) ?? '');
    return (
      <>
        <PageHeader
          above={<BackToAgents />}
          title={missing ? t('agents.notFoundTitle') : t('nav.agents')}
        />
        {missing ? (
          <Paper p="xl">
            <Text c="dimmed">{t('agents.notFoundMessage')}</Text>
          </Paper>
        ) : (
          <ErrorState
            error={agent.error}
            onRetry={() => void agent.refetch()}
            retrying={agent.isFetching}
          />
        )}
      </>
    );
  }

  const data = agent.data;
  const updated = t('agents.updatedAgo', { when: format.relative(data.updatedAt) });
  return (
    <>
      <PageHeader
        above={<BackToAgents />}
        title={
          <Group gap="sm" component="span">
            <span>{data.name}</span>
            <AgentStatusBadge status={data.status} />
          </Group>
        }
        description={
          data.createdBy
            ? `${t('agents.createdBy', { name: data.createdBy.name })} · ${updated}`
            : updated
        }
      />
      {!canEditAgents && (
        <Alert icon={<IconEye size={18} />} color="blue" variant="light" mb="lg">
          {t('agents.readOnlyNotice')}
        </Alert>
      )}
      {/* The form starts from the agent as loaded; a background refetch never overwrites edits. */}
      <AgentForm key={data.id} agent={data} readOnly={!canEditAgents} />
    </>
  );
}

function AgentFormSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true">
      <Skeleton h={14} w={80} />
      <Skeleton h={30} w="45%" />
      {[0, 1, 2].map((i) => (
        <Paper key={i} p="xl">
          <Stack gap="md">
            <Skeleton h={18} w="30%" />
            <Skeleton h={36} />
            <Skeleton h={64} />
            <Skeleton h={36} w="40%" />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
