import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoLeadDetail } from '../../trpc/app-router';
import { Dash } from './dash';
import { stageColor } from './stage-color';

interface LeadSummaryProps {
  lead: KommoLeadDetail;
  pipelineName: string | undefined;
}

/** The lead's name and its main facts: budget, pipeline and stage, responsible, last change. */
export function LeadSummary({ lead, pipelineName }: LeadSummaryProps) {
  const { t, format, locale } = useI18n();
  const rows: [string, ReactNode][] = [
    [
      t('kommoData.col.price'),
      lead.price === null ? <Dash /> : new Intl.NumberFormat(locale).format(lead.price),
    ],
    [t('kommoData.col.pipeline'), pipelineName ?? <Dash />],
    [
      t('kommoData.col.stage'),
      lead.stage ? (
        <Badge
          color={stageColor(lead.stage.color)}
          autoContrast
          variant="filled"
          radius="sm"
          tt="none"
          fw={500}
          style={{ border: '1px solid rgba(0, 0, 0, 0.08)', maxWidth: '100%' }}
        >
          {lead.stage.name}
        </Badge>
      ) : (
        <Dash />
      ),
    ],
    [t('kommoData.col.responsible'), lead.responsible?.name ?? <Dash />],
    [t('kommoData.col.updated'), format.dateTime(lead.kommoUpdatedAt)],
  ];
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} fz="lg" style={{ overflowWrap: 'anywhere' }}>
          {lead.name.trim() || t('kommoData.leadNumber', { id: lead.kommoId })}
        </Title>
        <Text size="xs" c="dimmed">
          {t('kommoData.leadNumber', { id: lead.kommoId })}
        </Text>
      </div>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={150} fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
