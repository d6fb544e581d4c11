import { Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { Integration } from '../../trpc/app-router';

/** "Connected by Lea 3 days ago" / "Disconnected yesterday", the exact time on hover. */
export function IntegrationWhen({ integration }: { integration: Integration }) {
  const { t, format } = useI18n();
  const { status, connectedAt, disconnectedAt, createdAt, connectedBy } = integration;

  let at: Date;
  let label: string;
  if (status === 'disconnected' && disconnectedAt) {
    at = disconnectedAt;
    label = t('integrations.disconnectedAgo', { when: format.relative(at) });
  } else if (connectedAt) {
    at = connectedAt;
    const when = format.relative(at);
    label = connectedBy
      ? t('integrations.connectedByAgo', { name: connectedBy.name, when })
      : t('integrations.connectedAgo', { when });
  } else {
    at = createdAt;
    label = t('integrations.addedAgo', { when: format.relative(at) });
  }

  return (
    <Tooltip label={format.dateTime(at)} openDelay={400}>
      <Text size="xs" c="dimmed" ta="right" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Tooltip>
  );
}
