import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlus, IconRobot, IconSearchOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n-context';

interface AgentsEmptyStateProps {
  /** Filters are on: nothing matches, rather than nothing exists */
  filtered: boolean;
  canCreate: boolean;
  onClearFilters: () => void;
}

export function AgentsEmptyState({ filtered, canCreate, onClearFilters }: AgentsEmptyStateProps) {
  const { t } = useI18n();
  return (
    <Paper p="xl" style={{ borderStyle: 'dashed' }}>
      <Stack align="center" ta="center" gap="sm" py="xl">
        <ThemeIcon
          size={56}
          radius="xl"
          variant="light"
          color={filtered ? 'gray' : 'brand'}
          aria-hidden
        >
          {filtered ? <IconSearchOff size={26} /> : <IconRobot size={28} />}
        </ThemeIcon>
        <Title order={2} fz="lg">
          {filtered ? t('agents.noMatchesTitle') : t('agents.emptyTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={420}>
          {filtered
            ? t('agents.noMatchesMessage')
            : canCreate
              ? t('agents.emptyMessage')
              : t('agents.emptyMessageMember')}
        </Text>
        {filtered ? (
          <Button variant="default" onClick={onClearFilters} mt="xs">
            {t('agents.clearFilters')}
          </Button>
        ) : (
          canCreate && (
            <Button component={Link} to="/agents/new" leftSection={<IconPlus size={16} />} mt="xs">
              {t('agents.createFirst')}
            </Button>
          )
        )}
      </Stack>
    </Paper>
  );
}
