import { Button, List, Popover, ScrollArea, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoField } from '../../trpc/app-router';
import { Dash } from './dash';

/** "5 options": a button opening the list of the field's enum values (Escape closes it). */
export function FieldOptions({ field }: { field: KommoField }) {
  const { t, tp } = useI18n();
  if (field.enums.length === 0) return <Dash />;
  const options = [...field.enums].sort((a, b) => a.sort - b.sort);
  return (
    <Popover width={280} position="bottom-start" shadow="md" trapFocus returnFocus withArrow>
      <Popover.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {tp('kommoData.optionCount', options.length)}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('kommoData.optionsOf', { field: field.name })}>
        <Text size="xs" c="dimmed" mb={6}>
          {t('kommoData.optionsOf', { field: field.name })}
        </Text>
        <ScrollArea.Autosize mah={240} type="auto">
          {/* Focusable, so the trapped focus has a place and the list scrolls with the keyboard. */}
          <List size="sm" spacing={4} tabIndex={0} style={{ outlineOffset: 2 }}>
            {options.map((option) => (
              <List.Item key={option.id} style={{ overflowWrap: 'anywhere' }}>
                {option.value}
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
