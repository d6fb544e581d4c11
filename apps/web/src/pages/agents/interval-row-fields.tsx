import { ActionIcon, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { IntervalRow } from './agent-form-values';

interface IntervalRowFieldsProps {
  row: IntervalRow;
  index: number;
  dayOptions: { value: string; label: string }[];
  readOnly: boolean;
  error: (path: string) => string | undefined;
  onChange: (patch: Partial<IntervalRow>, field: 'day' | 'start' | 'end') => void;
  onRemove: () => void;
  onBlur: () => void;
}

/** Day, start – end, remove. Errors go on one line under the row (the time inputs are narrow). */
export function IntervalRowFields(props: IntervalRowFieldsProps) {
  const { row, index, dayOptions, readOnly, error, onChange, onRemove, onBlur } = props;
  const { t } = useI18n();
  const messageId = useId();
  const n = index + 1;
  const path = `workingHours.intervals.${index}`;
  const dayError = error(`${path}.day`);
  const startError = error(`${path}.start`);
  const endError = error(`${path}.end`);
  const messages = [...new Set([dayError, startError, endError].filter(Boolean))];
  const describedBy = messages.length > 0 ? messageId : undefined;

  const timeProps = {
    onBlur,
    readOnly,
    inputMode: 'numeric' as const,
    maxLength: 5,
    w: 88,
    style: { flexShrink: 0 },
  };

  return (
    <Stack gap={4}>
      <Group gap="xs" align="center" wrap="wrap">
        <NativeSelect
          aria-label={t('agentForm.intervalDay', { n })}
          data={dayOptions}
          value={String(row.day)}
          onChange={(e) => onChange({ day: Number(e.currentTarget.value) }, 'day')}
          error={Boolean(dayError)}
          aria-describedby={dayError ? describedBy : undefined}
          disabled={readOnly}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          aria-label={t('agentForm.intervalStart', { n })}
          placeholder="09:00"
          value={row.start}
          onChange={(e) => onChange({ start: e.currentTarget.value }, 'start')}
          error={Boolean(startError)}
          aria-describedby={startError ? describedBy : undefined}
          {...timeProps}
        />
        <Text c="dimmed" aria-hidden>
          –
        </Text>
        <TextInput
          aria-label={t('agentForm.intervalEnd', { n })}
          placeholder="18:00"
          value={row.end}
          onChange={(e) => onChange({ end: e.currentTarget.value }, 'end')}
          error={Boolean(endError)}
          aria-describedby={endError ? describedBy : undefined}
          {...timeProps}
        />
        {!readOnly && (
          <ActionIcon
            variant="subtle"
            color="gray"
            size={36}
            onClick={onRemove}
            aria-label={t('agentForm.removeInterval', { n })}
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      {messages.length > 0 && (
        <Text id={messageId} size="xs" c="red">
          {messages.join(' · ')}
        </Text>
      )}
    </Stack>
  );
}
