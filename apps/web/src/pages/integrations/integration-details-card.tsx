import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import type { IntegrationDetail } from '../../trpc/app-router';

/** Host, subdomain, account id, who connected it and when, whether the webhook is registered. */
export function IntegrationDetailsCard({ integration }: { integration: IntegrationDetail }) {
  const { t, format } = useI18n();
  const notKnown = (
    <Text component="span" size="sm" c="dimmed">
      {t('common.notKnown')}
    </Text>
  );
  const rows: [string, ReactNode][] = [
    [t('integrations.kind'), t(`integrationKind.${integration.kind}`)],
    [t('integrations.host'), integration.host],
    [t('integrations.subdomain'), integration.subdomain ?? notKnown],
    [t('integrations.accountId'), integration.accountId ?? notKnown],
    [t('integrations.connectedBy'), integration.connectedBy?.name ?? notKnown],
    [
      t('integrations.connectedAt'),
      integration.connectedAt ? format.dateTime(integration.connectedAt) : notKnown,
    ],
  ];
  if (integration.disconnectedAt) {
    rows.push([t('integrations.disconnectedAt'), format.dateTime(integration.disconnectedAt)]);
  }
  rows.push([
    t('integrations.webhookRegistered'),
    <Badge
      key="webhook"
      variant="light"
      color={integration.webhookRegistered ? 'teal' : 'gray'}
      tt="none"
      fw={500}
    >
      {integration.webhookRegistered ? t('common.yes') : t('common.no')}
    </Badge>,
  ]);

  return (
    <FormSection title={t('integrations.details')} description={t('integrations.detailsHint')}>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={{ base: 140, sm: 200 }} fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </FormSection>
  );
}
