import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormSection } from './form-section';

interface ActionCardProps {
  title: string;
  description: string;
  /** The action, beside the description (below it on narrow screens). */
  children: ReactNode;
}

/** A titled card that explains one action and offers it. */
export function ActionCard({ title, description, children }: ActionCardProps) {
  return (
    <FormSection title={title}>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {description}
        </Text>
        {children}
      </Group>
    </FormSection>
  );
}
