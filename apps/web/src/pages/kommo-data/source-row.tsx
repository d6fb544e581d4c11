import { Table, Text } from '@mantine/core';
import type { KommoSource } from '../../trpc/app-router';
import { Dash } from './dash';
import { YesNo } from './yes-no';

interface SourceRowProps {
  source: KommoSource;
  /** Its pipeline's name; undefined while pipelines load or when the source has none. */
  pipelineName: string | undefined;
}

export function SourceRow({ source, pipelineName }: SourceRowProps) {
  return (
    <Table.Tr data-testid="source-row">
      <Table.Td>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {source.name}
        </Text>
      </Table.Td>
      <Table.Td>
        {source.originCode ? (
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {source.originCode}
          </Text>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>{pipelineName ?? <Dash />}</Table.Td>
      <Table.Td>
        <YesNo value={source.isDefault} />
      </Table.Td>
    </Table.Tr>
  );
}
