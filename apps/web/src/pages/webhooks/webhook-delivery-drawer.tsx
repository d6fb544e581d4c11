import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconRepeat } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/error-state';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { apiErrorCode } from '../../trpc/api-error';
import type { WebhookDeliveryDetail } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { formatBytes } from './format-bytes';
import { JsonBlock } from './json-block';
import { replayableStatuses, WebhookStatusBadge } from './webhook-status-badge';

interface WebhookDeliveryDrawerProps {
  /** The open delivery (`?delivery=`); undefined: closed. */
  deliveryId: string | undefined;
  canReplay: boolean;
  onClose: () => void;
  onOpenDelivery: (id: string) => void;
}

/** One delivery: outcome, events, decoded payload, headers and raw body; Replay for admins. */
export function WebhookDeliveryDrawer(props: WebhookDeliveryDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      opened={props.deliveryId !== undefined}
      onClose={props.onClose}
      position="right"
      size="xl"
      title={t('webhookLog.detailsTitle')}
      closeButtonProps={{ 'aria-label': t('common.dismiss') }}
    >
      {props.deliveryId !== undefined && (
        <DeliveryDetail key={props.deliveryId} {...props} deliveryId={props.deliveryId} />
      )}
    </Drawer>
  );
}

function DeliveryDetail({
  deliveryId,
  canReplay,
  onOpenDelivery,
}: WebhookDeliveryDrawerProps & { deliveryId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.webhooks.get.queryOptions(
      { id: deliveryId },
      {
        meta: { inlineErrors: true },
        // A pending delivery is being processed right now: watch it finish.
        refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2000 : false),
      },
    ),
  );

  if (detail.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton h={24} w="50%" />
        <Skeleton h={16} />
        <Skeleton h={16} w="70%" />
        <Skeleton h={160} />
      </Stack>
    );
  }
  if (!detail.data) {
    return ['NOT_FOUND', 'BAD_REQUEST'].includes(apiErrorCode(detail.error) ?? '') ? (
      <Paper p="md" withBorder>
        <Text size="sm" c="dimmed">
          {t('webhookLog.notFound')}
        </Text>
      </Paper>
    ) : (
      <ErrorState
        error={detail.error}
        onRetry={() => void detail.refetch()}
        retrying={detail.isFetching}
      />
    );
  }
  const d = detail.data;
  return (
    <Stack gap="lg">
      <Overview delivery={d} onOpenDelivery={onOpenDelivery} />
      {canReplay && replayableStatuses.includes(d.status) && <ReplayButton id={d.id} />}
      <Tabs defaultValue="events" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="events">
            {t('webhookLog.tab.events')} ({d.eventCount || d.events.length})
          </Tabs.Tab>
          <Tabs.Tab value="payload">{t('webhookLog.tab.payload')}</Tabs.Tab>
          <Tabs.Tab value="headers">{t('webhookLog.tab.headers')}</Tabs.Tab>
          <Tabs.Tab value="raw">{t('webhookLog.tab.raw')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events" pt="md">
          <EventsPanel delivery={d} />
        </Tabs.Panel>
        <Tabs.Panel value="payload" pt="md">
          {d.decodeError ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              {t('webhookLog.cannotDecode', { reason: d.decodeError })}
            </Alert>
          ) : (
            <JsonBlock value={d.payload} testId="webhook-payload" />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="md">
          <HeadersTable headers={d.headers} />
        </Tabs.Panel>
        <Tabs.Panel value="raw" pt="md">
          <Stack gap="xs">
            <JsonBlock value={d.body || ' '} testId="webhook-raw" />
            {d.bodyTruncated && (
              <Text size="xs" c="dimmed">
                {t('webhookLog.bodyTruncated')}
              </Text>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function Overview({
  delivery: d,
  onOpenDelivery,
}: {
  delivery: WebhookDeliveryDetail;
  onOpenDelivery: (id: string) => void;
}) {
  const { t, format, locale } = useI18n();
  const none = t('common.none');
  const account = [d.account?.subdomain, d.account?.id].filter((v) => v !== undefined).join(' · ');
  return (
    <Stack gap="md">
      <Group gap="sm">
        <WebhookStatusBadge status={d.status} />
        <Text size="sm" c="dimmed">
          {t(`webhookStatus.${d.status}.hint`)}
        </Text>
      </Group>
      {d.lastError && (
        <Alert
          color={d.status === 'rejected' ? 'red' : 'orange'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('webhookLog.lastError')}
          data-testid="webhook-error"
        >
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {d.lastError}
          </Text>
        </Alert>
      )}
      {d.duplicateOfId && (
        <Text size="sm">
          {t('webhookLog.duplicateOf')}{' '}
          <Anchor component="button" type="button" onClick={() => onOpenDelivery(d.duplicateOfId!)}>
            {t('webhookLog.openOriginal')}
          </Anchor>
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
        <Field label={t('webhookLog.receivedAt')}>{format.dateTime(d.receivedAt)}</Field>
        <Field label={t('webhookLog.processedAt')}>
          {d.processedAt ? format.dateTime(d.processedAt) : none}
        </Field>
        <Field label={t('webhookLog.requestId')}>{d.requestId ?? none}</Field>
        <Field label={t('webhookLog.account')}>{account || none}</Field>
        <Field label={t('webhookLog.size')}>
          {formatBytes(d.sizeBytes, locale)} · {d.contentType ?? none}
        </Field>
        <Field label={t('webhookLog.attempts')}>{d.attempts}</Field>
      </SimpleGrid>
    </Stack>
  );
}

function ReplayButton({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: async () => {
        notifySuccess(t('webhookLog.replayed'));
        await queryClient.invalidateQueries(trpc.webhooks.pathFilter());
      },
    }),
  );
  return (
    <Group>
      <Button
        leftSection={<IconRepeat size={16} />}
        loading={replay.isPending}
        onClick={() => replay.mutate({ id })}
      >
        {t('webhookLog.replay')}
      </Button>
      <Text size="xs" c="dimmed" maw={360}>
        {t('webhookLog.replayHint')}
      </Text>
    </Group>
  );
}

function EventsPanel({ delivery: d }: { delivery: WebhookDeliveryDetail }) {
  const { t } = useI18n();
  if (d.decodeError) {
    return (
      <Text size="sm" c="dimmed">
        {t('webhookLog.noEventsRejected')}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {d.events.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('webhookLog.noEvents')}
        </Text>
      )}
      {d.events.map((event) => (
        <Paper key={event.path} withBorder p="sm" data-testid="webhook-event">
          <Stack gap="xs">
            <Group gap="xs">
              <Badge variant="light" tt="none" fw={600}>
                {event.type}
              </Badge>
              <Text size="xs" c="dimmed" ff="monospace">
                {event.path}
              </Text>
            </Group>
            <JsonBlock value={event} />
          </Stack>
        </Paper>
      ))}
      {d.eventsTruncated && (
        <Text size="xs" c="dimmed">
          {t('webhookLog.eventsTruncated', { shown: d.events.length })}
        </Text>
      )}
      {d.unhandled.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('webhookLog.unhandledTitle')}
          </Text>
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="webhook-unhandled">
            <Table.Tbody>
              {d.unhandled.map((u) => (
                <Table.Tr key={`${u.path}:${u.reason}`}>
                  <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {u.path}
                  </Table.Td>
                  <Table.Td>{u.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const { t } = useI18n();
  const entries = Object.entries(headers);
  if (!entries.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('webhookLog.noHeaders')}
      </Text>
    );
  }
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="webhook-headers">
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
              {name}
            </Table.Td>
            <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
