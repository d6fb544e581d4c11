import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabaseOff, IconRefresh } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n-context';

interface MirrorEmptyStateProps {
  integrationId: string;
  /** No sync has finished yet: "Not synced yet — press Sync now", with the way to the button. */
  neverSynced: boolean;
  /** Said when the account was synced and really has none. */
  emptyMessage: string;
}

export function MirrorEmptyState({
  integrationId,
  neverSynced,
  emptyMessage,
}: MirrorEmptyStateProps) {
  const { t } = useI18n();
  return (
    <Paper p="xl" style={{ borderStyle: 'dashed' }}>
      <Stack align="center" ta="center" gap="sm" py="md">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray" aria-hidden>
          <IconDatabaseOff size={24} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          {neverSynced ? t('kommoData.notSyncedTitle') : t('kommoData.emptyTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={480}>
          {neverSynced ? t('kommoData.notSyncedMessage') : emptyMessage}
        </Text>
        {neverSynced && (
          <Button
            component={Link}
            to={`/integrations/${integrationId}`}
            variant="default"
            leftSection={<IconRefresh size={16} />}
            mt="xs"
          >
            {t('kommoData.goToSync')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
