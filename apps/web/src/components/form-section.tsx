import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

interface FormSectionProps {
  title: string;
  description?: string;
  children: ReactNode;
}

/** A titled card grouping related fields; its heading names the group for screen readers. */
export function FormSection({ title, description, children }: FormSectionProps) {
  const id = useId();
  return (
    <Paper component="section" p={{ base: 'md', sm: 'xl' }} aria-labelledby={id}>
      <Stack gap={4} mb="lg">
        <Title order={2} fz="md" id={id}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}
