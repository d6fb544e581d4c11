import { Group, Paper, Skeleton, Stack } from '@mantine/core';

/** Same height as real rows: nothing jumps when the data arrives. */
export function AgentListSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-live="polite">
      {Array.from({ length: rows }, (_, i) => (
        <Paper key={i} p="md">
          <Group align="flex-start" wrap="nowrap" gap="md">
            <Skeleton h={40} w={40} radius="md" />
            <Stack gap={8} style={{ flex: 1 }}>
              <Group justify="space-between">
                <Skeleton h={16} w="35%" />
                <Skeleton h={12} w={90} />
              </Group>
              <Skeleton h={12} w="80%" />
              <Group gap={6}>
                <Skeleton h={18} w={110} radius="sm" />
                <Skeleton h={18} w={70} radius="sm" />
              </Group>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
