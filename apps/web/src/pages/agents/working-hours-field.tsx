import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconClock, IconPlus } from '@tabler/icons-react';
import { useId, useMemo } from 'react';
import { ComboboxLabel, withoutLabel } from '../../components/combobox-label';
import { useI18n } from '../../i18n/i18n-context';
import {
  newIntervalRow,
  weekdayRows,
  type AgentFormValues,
  type IntervalRow,
} from './agent-form-values';
import { IntervalRowFields } from './interval-row-fields';
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

export function WorkingHoursField({
  value,
  onChange,
  onBlur,
  error,
  readOnly,
}: WorkingHoursFieldProps) {
  const { t, format } = useI18n();
  const zones = useMemo(() => withZone(timeZoneOptions(), value.timezone), [value.timezone]);
  const dayOptions = useMemo(
    () => DAYS.map((d) => ({ value: String(d), label: format.weekday(d) })),
    [format],
  );
  const { intervals } = value;
  const timeZoneId = useId();
  const scheduleId = useId();

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
    onChange(
      { ...value, intervals: intervals.filter((_, i) => i !== index) },
      'workingHours.intervals',
    );
  }

  return (
    <Stack gap="md">
      <ComboboxLabel htmlFor={timeZoneId} label={t('fields.timeZone')}>
        <Select
          id={timeZoneId}
          inputWrapperOrder={withoutLabel}
          data={zones}
          value={value.timezone}
          onChange={(zone) =>
            zone && onChange({ ...value, timezone: zone }, 'workingHours.timezone')
          }
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
      </ComboboxLabel>

      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" fw="var(--mantine-font-weight-medium)" id={scheduleId}>
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
        <Stack gap="xs" role="group" aria-labelledby={scheduleId}>
          {intervals.map((row, index) => (
            <IntervalRowFields
              key={row.key}
              row={row}
              index={index}
              dayOptions={dayOptions}
              readOnly={readOnly}
              error={error}
              onChange={(patch, field) => updateRow(index, patch, field)}
              onRemove={() => removeRow(index)}
              onBlur={onBlur}
            />
          ))}
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
              onClick={() =>
                onChange({ ...value, intervals: weekdayRows() }, 'workingHours.intervals')
              }
            >
              {t('agentForm.weekdaysPreset')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
