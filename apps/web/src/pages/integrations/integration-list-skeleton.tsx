import { Group, Paper, Skeleton, Stack } from '@mantine/core';

export function IntegrationListSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true">
      {[0, 1].map((i) => (
        <Paper key={i} p="md">
          <Group align="flex-start" wrap="nowrap" gap="md">
            <Skeleton h={40} w={40} radius="md" />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton h={16} w="40%" />
              <Skeleton h={12} w="30%" />
              <Skeleton h={18} w={110} />
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
