import {
  Button,
  Center,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useActiveOrg } from '../../auth/use-active-org';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode } from '../../trpc/api-error';
import type { WebhookStatus } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { integrationName } from '../integrations/integration-name';
import { KommoDataBreadcrumbs } from '../kommo-data/kommo-data-breadcrumbs';
import { WebhookDeliveryDrawer } from './webhook-delivery-drawer';
import { WebhookDeliveryRow } from './webhook-delivery-row';
import { webhookStatuses } from './webhook-status-badge';

const PAGE_SIZE = 25;
/** New deliveries show up without a reload. */
const REFRESH_MS = 5_000;

const isStatus = (value: string | null): value is WebhookStatus =>
  webhookStatuses.includes(value as WebhookStatus);

export function WebhookLogPage() {
  const { id = '' } = useParams();
  return <WebhookLog key={id} id={id} />;
}

/** Every webhook Kommo delivered for one integration: `?status=` filters, `?delivery=` opens one. */
function WebhookLog({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { isAdmin } = useActiveOrg();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const openId = searchParams.get('delivery') ?? undefined;

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

  const integration = useQuery(
    trpc.integrations.get.queryOptions({ id }, { meta: { inlineErrors: true } }),
  );
  const deliveries = useInfiniteQuery(
    trpc.webhooks.list.infiniteQueryOptions(
      { integrationId: id, limit: PAGE_SIZE, status },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
        refetchInterval: REFRESH_MS,
        enabled: integration.isSuccess,
        meta: { inlineErrors: true },
      },
    ),
  );
  const name = integration.data ? integrationName(integration.data) : undefined;
  usePageTitle(name ? `${t('webhookLog.title')} · ${name}` : t('webhookLog.title'));

  const breadcrumbs = (
    <KommoDataBreadcrumbs
      integrationId={id}
      name={integration.isPending ? undefined : (name ?? null)}
      current={t('webhookLog.title')}
    />
  );
  if (integration.isError && !integration.data) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(apiErrorCode(integration.error) ?? '');
    return (
      <>
        <PageHeader
          above={breadcrumbs}
          title={missing ? t('integrations.notFoundTitle') : t('webhookLog.title')}
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

  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const refreshing = deliveries.isPlaceholderData && deliveries.isFetching;
  let content;
  if (integration.isPending || deliveries.isPending) {
    content = (
      <Stack gap="sm" aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={36} />
        ))}
      </Stack>
    );
  } else if (deliveries.isError && items.length === 0) {
    content = (
      <ErrorState
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
        retrying={deliveries.isFetching}
      />
    );
  } else if (items.length === 0) {
    content = (
      <Paper p="xl" style={{ borderStyle: 'dashed' }}>
        <Stack align="center" ta="center" gap="sm" py="md">
          <IconWebhook size={32} stroke={1.5} aria-hidden color="var(--mantine-color-dimmed)" />
          <Title order={2} fz="lg">
            {status ? t('webhookLog.noMatchesTitle') : t('webhookLog.emptyTitle')}
          </Title>
          <Text c="dimmed" size="sm" maw={460}>
            {status
              ? t('webhookLog.noMatches', { status: t(`webhookStatus.${status}`) })
              : t('webhookLog.emptyMessage')}
          </Text>
          {status && (
            <Button variant="default" onClick={() => setParams({ status: undefined })}>
              {t('webhookLog.showAll')}
            </Button>
          )}
        </Stack>
      </Paper>
    );
  } else {
    content = (
      <Stack gap="sm" style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="xs" highlightOnHover aria-label={t('webhookLog.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhookLog.col.received')}</Table.Th>
                <Table.Th>{t('webhookLog.col.status')}</Table.Th>
                <Table.Th>{t('webhookLog.col.events')}</Table.Th>
                <Table.Th ta="right">{t('webhookLog.col.count')}</Table.Th>
                <Table.Th ta="right">{t('webhookLog.col.size')}</Table.Th>
                <Table.Th ta="right">{t('webhookLog.col.attempts')}</Table.Th>
                <Table.Th>{t('webhookLog.col.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((delivery) => (
                <WebhookDeliveryRow
                  key={delivery.id}
                  delivery={delivery}
                  onOpen={() => setParams({ delivery: delivery.id })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {deliveries.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void deliveries.fetchNextPage()}
              loading={deliveries.isFetchingNextPage}
            >
              {t('webhookLog.loadMore')}
            </Button>
          </Center>
        )}
        {deliveries.isFetchNextPageError && (
          <ErrorState
            error={deliveries.error}
            onRetry={() => void deliveries.fetchNextPage()}
            retrying={deliveries.isFetchingNextPage}
          />
        )}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        above={breadcrumbs}
        title={t('webhookLog.title')}
        description={name ? t('webhookLog.description', { account: name }) : undefined}
      />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Select
            label={t('webhookLog.statusFilter')}
            data={[
              { value: 'all', label: t('webhookLog.allStatuses') },
              ...webhookStatuses.map((s) => ({ value: s, label: t(`webhookStatus.${s}`) })),
            ]}
            value={status ?? 'all'}
            onChange={(value) =>
              setParams({ status: value && value !== 'all' ? value : undefined })
            }
            allowDeselect={false}
            w={220}
          />
          <Text size="xs" c="dimmed">
            {t('webhookLog.autoRefresh')}
          </Text>
        </Group>
        {content}
      </Stack>
      <WebhookDeliveryDrawer
        deliveryId={openId}
        canReplay={isAdmin}
        onClose={() => setParams({ delivery: undefined })}
        onOpenDelivery={(deliveryId) => setParams({ delivery: deliveryId })}
      />
    </>
  );
}
