import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { ClickableRow } from '../../components/clickable-row';
import { useI18n } from '../../i18n/i18n-context';
import type { Agent } from '../../trpc/app-router';
import { AgentIntegrationBadge } from './agent-integration-badge';
import { AgentStatusBadge } from './agent-status-badge';

const MAX_LANGUAGES = 3;

export function AgentRow({ agent }: { agent: Agent }) {
  const { t, format } = useI18n();
  const languages = agent.languages.slice(0, MAX_LANGUAGES);
  const moreLanguages = agent.languages.slice(MAX_LANGUAGES);

  return (
    <ClickableRow
      to={`/agents/${agent.id}`}
      testId="agent-row"
      icon={IconRobot}
      live={agent.status === 'active'}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {agent.name}
          </Text>
          <AgentStatusBadge status={agent.status} />
        </Group>
        <Tooltip label={format.dateTime(agent.updatedAt)} openDelay={400}>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('agents.updatedAgo', { when: format.relative(agent.updatedAt) })}
          </Text>
        </Tooltip>
      </Group>
      <Text
        size="sm"
        c={agent.description ? 'dimmed' : 'gray.5'}
        fs={agent.description ? undefined : 'italic'}
        className="lp-line-clamp-2"
      >
        {agent.description || t('agents.noDescription')}
      </Text>
      <Group gap={6} mt={2}>
        {agent.integration && <AgentIntegrationBadge integration={agent.integration} />}
        <Badge variant="outline" color="gray" tt="none" fw={500} size="sm">
          {t('agents.toneLabel', { tone: t(`agentTone.${agent.tone}`) })}
        </Badge>
        {languages.map((code) => (
          <Badge key={code} variant="light" color="gray" tt="none" fw={500} size="sm">
            {format.languageName(code)}
          </Badge>
        ))}
        {moreLanguages.length > 0 && (
          <Badge
            variant="light"
            color="gray"
            size="sm"
            title={moreLanguages.map(format.languageName).join(', ')}
          >
            +{moreLanguages.length}
          </Badge>
        )}
        {agent.languages.length === 0 && (
          <Badge variant="light" color="gray" tt="none" fw={500} size="sm">
            {t('agents.anyLanguage')}
          </Badge>
        )}
      </Group>
    </ClickableRow>
  );
}
