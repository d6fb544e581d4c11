import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { IntegrationStatusBadge } from '../../components/integration-status-badge';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { DisconnectIntegrationCard } from './disconnect-integration-card';
import { IntegrationDetailsCard } from './integration-details-card';
import { integrationName } from './integration-name';
import { IntegrationStatusPanel } from './integration-status-panel';
import { LinkedAgentsCard } from './linked-agents-card';
import { SyncCard } from './sync-card';
import { SyncHistoryCard } from './sync-history-card';
import { useJustConnected } from './use-just-connected';
import { WebhookLogCard } from './webhook-log-card';
import { WebhookUrlCard } from './webhook-url-card';

function BackToIntegrations() {
  const { t } = useI18n();
  return (
    <Anchor component={Link} to="/integrations" size="sm" c="dimmed" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {t('nav.integrations')}
      </Group>
    </Anchor>
  );
}

export function IntegrationDetailPage() {
  const { id = '' } = useParams();
  // Another integration is another page: nothing (e.g. the "connected" notice) carries over.
  return <IntegrationDetail key={id} id={id} />;
}

function IntegrationDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { isAdmin } = useActiveOrg();
  const [justConnected, dismissJustConnected] = useJustConnected();
  const integration = useQuery(
    trpc.integrations.get.queryOptions({ id }, { meta: { inlineErrors: true } }),
  );
  const options = useQuery(trpc.integrations.options.queryOptions(undefined, { enabled: isAdmin }));
  const data = integration.data;
  usePageTitle(data ? integrationName(data) : t('nav.integrations'));

  if (integration.isPending) return <IntegrationDetailSkeleton />;
  if (!data) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(apiErrorCode(integration.error) ?? '');
    return (
      <>
        <PageHeader
          above={<BackToIntegrations />}
          title={missing ? t('integrations.notFoundTitle') : t('nav.integrations')}
        />
        {missing ? (
          <Paper p="xl">
            <Text c="dimmed">{t('integrations.notFoundMessage')}</Text>
          </Paper>
        ) : (
          <ErrorState
            error={integration.error}
            onRetry={() => void integration.refetch()}
            retrying={integration.isFetching}
          />
        )}
      </>
    );
  }

  const name = integrationName(data);
  return (
    <>
      <PageHeader
        above={<BackToIntegrations />}
        title={
          <Group gap="sm" component="span">
            <span>{name}</span>
            {data.kind === 'kommo_demo' && (
              <Badge variant="light" color="violet" tt="none">
                {t('integrationKind.demoBadge')}
              </Badge>
            )}
            <IntegrationStatusBadge status={data.status} />
          </Group>
        }
        description={data.host}
      />
      <Stack gap="lg">
        {justConnected && (
          <Alert
            color="teal"
            variant="light"
            icon={<IconCircleCheck size={18} />}
            title={t('integrations.justConnectedTitle')}
            withCloseButton
            closeButtonLabel={t('common.dismiss')}
            onClose={dismissJustConnected}
            role="status"
          >
            {t('integrations.justConnectedMessage', { account: name })}
          </Alert>
        )}
        {!isAdmin && (
          <Alert icon={<IconEye size={18} />} color="blue" variant="light">
            {t('integrations.readOnlyNotice')}
          </Alert>
        )}
        {/* Right after connecting, the success notice says it all. */}
        {!(justConnected && data.status === 'connected' && !data.statusReason) && (
          <IntegrationStatusPanel integration={data} canConnect={isAdmin} options={options.data} />
        )}
        {data.status === 'connected' && (
          <>
            <SyncCard integrationId={data.id} canSync={isAdmin} />
            <SyncHistoryCard integrationId={data.id} />
          </>
        )}
        <IntegrationDetailsCard integration={data} />
        {/* Admins only; a disconnected account's webhook no longer delivers anything. */}
        {data.webhookUrl && data.status !== 'disconnected' && (
          <WebhookUrlCard url={data.webhookUrl} />
        )}
        <WebhookLogCard integrationId={data.id} />
        <LinkedAgentsCard count={data.agentCount} />
        {isAdmin && data.status !== 'disconnected' && (
          <DisconnectIntegrationCard integration={data} />
        )}
      </Stack>
    </>
  );
}

function IntegrationDetailSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true">
      <Skeleton h={14} w={100} />
      <Skeleton h={30} w="45%" />
      <Skeleton h={72} />
      {[0, 1].map((i) => (
        <Paper key={i} p="xl">
          <Stack gap="md">
            <Skeleton h={18} w="30%" />
            <Skeleton h={16} />
            <Skeleton h={16} w="80%" />
            <Skeleton h={16} w="60%" />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
