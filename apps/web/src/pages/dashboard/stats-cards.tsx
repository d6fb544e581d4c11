import { Paper, SimpleGrid, Skeleton, Text, ThemeIcon, Group } from '@mantine/core';
import { IconAlertTriangle, IconBolt, IconMessage, IconUsersGroup } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { ActivityStats } from '../../trpc/app-router';

const cards = [
  { key: 'repliesSent', label: 'dashboard.cards.repliesSent', icon: IconMessage, color: 'brand' },
  {
    key: 'actionsExecuted',
    label: 'dashboard.cards.actionsExecuted',
    icon: IconBolt,
    color: 'teal',
  },
  {
    key: 'leadsTouched',
    label: 'dashboard.cards.leadsTouched',
    icon: IconUsersGroup,
    color: 'cyan',
  },
  { key: 'errors', label: 'dashboard.cards.errors', icon: IconAlertTriangle, color: 'red' },
] as const;

/** The last 7 days in four numbers. */
export function StatsCards({ stats }: { stats: ActivityStats | undefined }) {
  const { t } = useI18n();
  const number = new Intl.NumberFormat();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      {cards.map(({ key, label, icon: CardIcon, color }) => (
        <Paper key={key} p="md" data-testid={`stat-${key}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Text size="sm" c="dimmed" fw={500}>
              {t(label)}
            </Text>
            <ThemeIcon size={28} radius="md" variant="light" color={color} aria-hidden>
              <CardIcon size={16} />
            </ThemeIcon>
          </Group>
          {stats ? (
            <Text fz={28} fw={650} lh={1.2} mt={4} data-testid="stat-value">
              {number.format(stats.cards[key])}
            </Text>
          ) : (
            <Skeleton height={30} width={60} mt={6} />
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
