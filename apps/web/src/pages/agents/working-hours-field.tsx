import { ActionIcon, Badge, Button, Group, NativeSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconClock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { newIntervalRow, weekdayRows, type AgentFormValues, type IntervalRow } from './agent-form-values';
import { timeZoneOptions, withZone } from './time-zones';

type WorkingHoursValue = AgentFormValues['workingHours'];

interface WorkingHoursFieldProps {
  value: WorkingHoursValue;
  /** `changedPath`: the dotted path edited, so only its server error is cleared */
  onChange: (value: WorkingHoursValue, changedPath: string) => void;
  onBlur: () => void;
  error: (path: string) => string | undefined;
  readOnly: boolean;
}

const DAYS = [0, 1, 2, 3, 4, 5, 6];

export function WorkingHoursField({ value, onChange, onBlur, error, readOnly }: WorkingHoursFieldProps) {
  const { t, format } = useI18n();
  const zones = useMemo(() => withZone(timeZoneOptions(), value.timezone), [value.timezone]);
  const dayOptions = useMemo(() => DAYS.map((d) => ({ value: String(d), label: format.weekday(d) })), [format]);
  const { intervals } = value;

  function updateRow(index: number, patch: Partial<IntervalRow>, field: string) {
    const next = intervals.map((row, i) => (i === index ? { ...row, ...patch } : row));
    onChange({ ...value, intervals: next }, `workingHours.intervals.${index}.${field}`);
  }

  function addRow() {
    const last = intervals[intervals.length - 1];
    const row = last ? newIntervalRow((last.day + 1) % 7, last.start, last.end) : newIntervalRow(0);
    onChange({ ...value, intervals: [...intervals, row] }, 'workingHours.intervals');
  }

  function removeRow(index: number) {
    onChange({ ...value, intervals: intervals.filter((_, i) => i !== index) }, 'workingHours.intervals');
  }

  return (
    <Stack gap="md">
      <Select
        label={t('fields.timeZone')}
        data={zones}
        value={value.timezone}
        onChange={(zone) => zone && onChange({ ...value, timezone: zone }, 'workingHours.timezone')}
        onBlur={onBlur}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('agentForm.noTimeZone')}
        error={error('workingHours.timezone')}
        readOnly={readOnly}
        maxDropdownHeight={280}
        comboboxProps={{ shadow: 'md' }}
        maw={420}
      />

      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" fw={500} id="working-hours-intervals">
            {t('agentForm.intervals')}
          </Text>
          {intervals.length === 0 && (
            <Badge variant="light" color="teal" leftSection={<IconClock size={12} />}>
              {t('agentForm.aroundTheClock')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('agentForm.intervalsHint')}
        </Text>
      </Stack>

      {intervals.length > 0 && (
        <Stack gap="xs" role="group" aria-labelledby="working-hours-intervals">
          {intervals.map((row, index) => {
            const n = index + 1;
            const path = `workingHours.intervals.${index}`;
            return (
              <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
                <NativeSelect
                  aria-label={t('agentForm.intervalDay', { n })}
                  data={dayOptions}
                  value={String(row.day)}
                  onChange={(e) => updateRow(index, { day: Number(e.currentTarget.value) }, 'day')}
                  error={error(`${path}.day`)}
                  disabled={readOnly}
                  style={{ flex: '1 1 150px', maxWidth: 190 }}
                />
                <TextInput
                  aria-label={t('agentForm.intervalStart', { n })}
                  placeholder="09:00"
                  value={row.start}
                  onChange={(e) => updateRow(index, { start: e.currentTarget.value }, 'start')}
                  onBlur={onBlur}
                  error={error(`${path}.start`)}
                  readOnly={readOnly}
                  inputMode="numeric"
                  maxLength={5}
                  w={96}
                  style={{ flexShrink: 0 }}
                />
                <Text c="dimmed" pt={6} aria-hidden>
                  –
                </Text>
                <TextInput
                  aria-label={t('agentForm.intervalEnd', { n })}
                  placeholder="18:00"
                  value={row.end}
                  onChange={(e) => updateRow(index, { end: e.currentTarget.value }, 'end')}
                  onBlur={onBlur}
                  error={error(`${path}.end`)}
                  readOnly={readOnly}
                  inputMode="numeric"
                  maxLength={5}
                  w={96}
                  style={{ flexShrink: 0 }}
                />
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size={36}
                    onClick={() => removeRow(index)}
                    aria-label={t('agentForm.removeInterval', { n })}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            );
          })}
        </Stack>
      )}

      {error('workingHours.intervals') && (
        <Text size="xs" c="red" role="alert">
          {error('workingHours.intervals')}
        </Text>
      )}

      {!readOnly && (
        <Group gap="xs">
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={addRow}>
            {t('agentForm.addInterval')}
          </Button>
          {intervals.length === 0 && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => onChange({ ...value, intervals: weekdayRows() }, 'workingHours.intervals')}
            >
              {t('agentForm.weekdaysPreset')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
