import { Badge } from '@mantine/core';
import type { AgentStatus } from '@leadpilot/schemas/agents';
import { useI18n } from '../../i18n/i18n-context';

const colors: Record<AgentStatus, string> = { active: 'teal', paused: 'yellow', draft: 'gray' };

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={colors[status]} variant="dot" size="md" tt="none" fw={500}>
      {t(`agentStatus.${status}`)}
    </Badge>
  );
}
