import { Button, Group, Text } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { Link } from 'react-router';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';

export function LinkedAgentsCard({ count }: { count: number }) {
  const { t, tp } = useI18n();
  return (
    <FormSection title={t('integrations.agentsTitle')} description={t('integrations.agentsHint')}>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" fw={count > 0 ? 500 : undefined} c={count > 0 ? undefined : 'dimmed'}>
          {count > 0 ? tp('integrations.agentCount', count) : t('integrations.noAgents')}
        </Text>
        <Button
          component={Link}
          to="/agents"
          variant="default"
          leftSection={<IconRobot size={16} />}
        >
          {t('integrations.viewAgents')}
        </Button>
      </Group>
    </FormSection>
  );
}
