import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';

export function Wordmark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap" aria-label="Leadpilot">
      <ThemeIcon
        size={large ? 36 : 28}
        radius="md"
        variant="gradient"
        gradient={{ from: 'brand.5', to: 'violet.5', deg: 135 }}
        aria-hidden
      >
        <IconSparkles size={large ? 20 : 16} stroke={2} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 22 : 18} lh={1} style={{ letterSpacing: '-0.02em' }} aria-hidden>
        Leadpilot
      </Text>
    </Group>
  );
}
