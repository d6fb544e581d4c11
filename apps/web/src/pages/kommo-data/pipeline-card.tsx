import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoPipeline } from '../../trpc/app-router';
import { StageChip } from './stage-chip';

/** A pipeline and its stages, in Kommo's order. */
export function PipelineCard({ pipeline }: { pipeline: KommoPipeline }) {
  const { t, tp } = useI18n();
  const stages = [...pipeline.stages].sort((a, b) => a.sort - b.sort);
  return (
    <Paper component="article" p="md" withBorder data-testid="pipeline-card">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={3} fz="md">
              {pipeline.name}
            </Title>
            {pipeline.isMain && (
              <Badge variant="light" tt="none" fw={500}>
                {t('kommoData.main')}
              </Badge>
            )}
            {pipeline.isArchive && (
              <Badge variant="light" color="gray" tt="none" fw={500}>
                {t('kommoData.archived')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {tp('kommoData.stageCount', stages.length)}
          </Text>
        </Group>
        <Group
          component="ol"
          gap={6}
          p={0}
          m={0}
          wrap="wrap"
          aria-label={t('kommoData.stagesOf', { pipeline: pipeline.name })}
        >
          {stages.map((stage) => (
            <li key={stage.kommoId} style={{ listStyle: 'none', maxWidth: '100%' }}>
              <StageChip stage={stage} />
            </li>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
