import { Badge, Group, Table, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoField } from '../../trpc/app-router';
import { Dash } from './dash';
import { FieldOptions } from './field-options';
import { YesNo } from './yes-no';

export function FieldRow({ field }: { field: KommoField }) {
  const { t } = useI18n();
  return (
    <Table.Tr data-testid="field-row">
      <Table.Td>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {field.name}
          </Text>
          {field.isApiOnly && (
            <Badge size="xs" variant="outline" color="gray" tt="none" fw={500}>
              {t('kommoData.apiOnly')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {field.code ? (
          <Text size="sm" ff="monospace">
            {field.code}
          </Text>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color="gray" tt="none" fw={500} ff="monospace">
          {field.type}
        </Badge>
      </Table.Td>
      <Table.Td>
        <YesNo value={field.isRequired} />
      </Table.Td>
      <Table.Td>
        <FieldOptions field={field} />
      </Table.Td>
    </Table.Tr>
  );
}
