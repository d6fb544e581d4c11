import { Box, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { ActivityStats } from '../../trpc/app-router';
import { activityKinds, kindColors, kindOf, type ActivityKind } from './activity-kinds';
import { startOfDay } from './activity-filters';

const HEIGHT = 140;

/**
 * Activity per day, stacked by kind. A few divs rather than a chart library: seven bars do not
 * justify recharts' weight in the bundle.
 */
export function ActivityChart({ stats }: { stats: ActivityStats | undefined }) {
  const { t, locale } = useI18n();
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric' });
  const days = (stats?.days ?? []).map((d) => {
    const byKind = new Map<ActivityKind, number>();
    for (const [type, count] of Object.entries(d.counts))
      byKind.set(kindOf(type), (byKind.get(kindOf(type)) ?? 0) + count);
    const total = [...byKind.values()].reduce((a, b) => a + b, 0);
    return { day: d.day, label: weekday.format(startOfDay(d.day)), byKind, total };
  });
  const max = Math.max(1, ...days.map((d) => d.total));
  const used = activityKinds.filter((k) => days.some((d) => d.byKind.has(k)));
  const empty = stats !== undefined && days.every((d) => d.total === 0);

  return (
    <Paper p="md" component="section" aria-labelledby="activity-chart-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="md" id="activity-chart-title">
          {t('dashboard.chart.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('dashboard.lastSevenDays')}
        </Text>
      </Group>
      {!stats ? (
        <Skeleton height={HEIGHT + 24} />
      ) : empty ? (
        <Text c="dimmed" size="sm" py="xl" ta="center">
          {t('dashboard.chart.empty')}
        </Text>
      ) : (
        <>
          <Group
            gap="xs"
            align="flex-end"
            wrap="nowrap"
            role="img"
            aria-label={t('dashboard.chart.label')}
            data-testid="activity-chart"
          >
            {days.map((d) => (
              <Tooltip
                key={d.day}
                withArrow
                label={
                  <Stack gap={0}>
                    <Text size="xs" fw={600}>
                      {d.label}: {d.total}
                    </Text>
                    {used
                      .filter((k) => d.byKind.has(k))
                      .map((k) => (
                        <Text size="xs" key={k}>
                          {t(`activity.kind.${k}`)}: {d.byKind.get(k)}
                        </Text>
                      ))}
                  </Stack>
                }
              >
                <Stack gap={4} align="stretch" style={{ flex: 1 }} data-testid="chart-day">
                  <Box
                    h={HEIGHT}
                    style={{ display: 'flex', flexDirection: 'column-reverse', borderRadius: 4 }}
                  >
                    {used.map((k) => {
                      const n = d.byKind.get(k) ?? 0;
                      return n ? (
                        <Box
                          key={k}
                          bg={`${kindColors[k]}.5`}
                          h={`${(n / max) * 100}%`}
                          style={{ minHeight: 2 }}
                          data-kind={k}
                        />
                      ) : null;
                    })}
                  </Box>
                  <Text size="xs" c="dimmed" ta="center" truncate>
                    {d.label}
                  </Text>
                </Stack>
              </Tooltip>
            ))}
          </Group>
          <Group gap="md" mt="sm">
            {used.map((k) => (
              <Group key={k} gap={6} wrap="nowrap">
                <Box w={10} h={10} bg={`${kindColors[k]}.5`} style={{ borderRadius: 2 }} />
                <Text size="xs" c="dimmed">
                  {t(`activity.kind.${k}`)}
                </Text>
              </Group>
            ))}
          </Group>
        </>
      )}
    </Paper>
  );
}
