import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoLead } from '../../trpc/app-router';
import { Dash } from './dash';
import { stageColor } from './stage-color';

interface LeadRowProps {
  lead: KommoLead;
  pipelineName: string | undefined;
  onOpen: () => void;
}

/** A lead in the table; the whole row opens its drawer, the name is the keyboard's way in. */
export function LeadRow({ lead, pipelineName, onOpen }: LeadRowProps) {
  const { t, format, locale } = useI18n();
  const name = lead.name.trim() || t('kommoData.leadNumber', { id: lead.kommoId });
  return (
    <Table.Tr data-testid="lead-row" onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={500}
          ta="left"
          onClick={(event) => {
            event.stopPropagation();
            onOpen();
          }}
          aria-haspopup="dialog"
          style={{ overflowWrap: 'anywhere' }}
        >
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {lead.price === null ? <Dash /> : new Intl.NumberFormat(locale).format(lead.price)}
      </Table.Td>
      <Table.Td>
        {lead.stage ? (
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
        )}
        {pipelineName && (
          <Text size="xs" c="dimmed" mt={2}>
            {pipelineName}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{lead.responsible?.name ?? <Dash />}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={format.dateTime(lead.kommoUpdatedAt)} openDelay={400}>
          <Text component="span" size="sm">
            {format.relative(lead.kommoUpdatedAt)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}
