import { Badge, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoLeadDetail } from '../../trpc/app-router';

/** The lead's tasks: open ones first, each with its due time (overdue ones marked). */
export function LeadTasks({ tasks }: { tasks: KommoLeadDetail['tasks'] }) {
  const { t, format } = useI18n();
  // "Overdue" as of opening the lead (stable across re-renders).
  const [now] = useState(() => Date.now());
  const sorted = [...tasks].sort((a, b) => Number(a.isCompleted) - Number(b.isCompleted));
  return (
    <Stack gap="sm" component="section">
      <Title order={3} fz="md">
        {t('kommoData.tasks')}
      </Title>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('kommoData.noTasks')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0}>
          {sorted.map((task) => {
            const overdue =
              !task.isCompleted && task.completeTill !== null && task.completeTill.getTime() < now;
            return (
              <Paper
                key={task.kommoId}
                component="li"
                p="sm"
                withBorder
                style={{ listStyle: 'none' }}
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  {task.isCompleted ? (
                    <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
                  ) : (
                    <IconClock size={18} color="var(--mantine-color-dimmed)" aria-hidden />
                  )}
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Text
                      size="sm"
                      td={task.isCompleted ? 'line-through' : undefined}
                      c={task.isCompleted ? 'dimmed' : undefined}
                      style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
                    >
                      {task.text}
                    </Text>
                    <Group gap="xs">
                      {task.isCompleted && (
                        <Badge size="xs" color="teal" variant="light" tt="none">
                          {t('kommoData.taskDone')}
                        </Badge>
                      )}
                      {overdue && (
                        <Badge size="xs" color="red" variant="light" tt="none">
                          {t('kommoData.taskOverdue')}
                        </Badge>
                      )}
                      {task.completeTill ? (
                        <Tooltip label={format.dateTime(task.completeTill)} openDelay={400}>
                          <Text size="xs" c={overdue ? 'red.8' : 'dimmed'}>
                            {t('kommoData.taskDue', { when: format.relative(task.completeTill) })}
                          </Text>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('kommoData.taskNoDue')}
                        </Text>
                      )}
                      {task.responsible && (
                        <Text size="xs" c="dimmed">
                          {t('kommoData.taskFor', { name: task.responsible.name })}
                        </Text>
                      )}
                    </Group>
                  </Stack>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
