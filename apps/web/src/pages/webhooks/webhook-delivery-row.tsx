import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { WebhookDelivery } from '../../trpc/app-router';
import { formatBytes } from './format-bytes';
import { WebhookStatusBadge } from './webhook-status-badge';

interface WebhookDeliveryRowProps {
  delivery: WebhookDelivery;
  onOpen: () => void;
}

/** A delivery in the log; the whole row opens its drawer, the time is the keyboard's way in. */
export function WebhookDeliveryRow({ delivery, onOpen }: WebhookDeliveryRowProps) {
  const { t, format, locale } = useI18n();
  const types = delivery.eventTypes;
  return (
    <Table.Tr data-testid="webhook-row" onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={format.dateTime(delivery.receivedAt)} openDelay={400}>
          <Anchor
            component="button"
            type="button"
            size="sm"
            fw={500}
            onClick={(event) => {
              event.stopPropagation();
              onOpen();
            }}
            aria-haspopup="dialog"
          >
            {format.relative(delivery.receivedAt)}
          </Anchor>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <WebhookStatusBadge status={delivery.status} />
      </Table.Td>
      <Table.Td>
        {types.length ? (
          <Group gap={4} wrap="wrap">
            {types.slice(0, 3).map((type) => (
              <Badge key={type} variant="outline" color="gray" tt="none" fw={500}>
                {type}
              </Badge>
            ))}
            {types.length > 3 && (
              <Text size="xs" c="dimmed">
                {t('webhookLog.moreTypes', { count: types.length - 3 })}
              </Text>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('common.none')}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{delivery.eventCount}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatBytes(delivery.sizeBytes, locale)}
      </Table.Td>
      <Table.Td ta="right">{delivery.attempts}</Table.Td>
      <Table.Td maw={280}>
        {delivery.lastError ? (
          <Text size="sm" c="red.8" lineClamp={2}>
            {delivery.lastError}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('common.none')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
