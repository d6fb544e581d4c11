import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-context';
import { describeApiError } from '../trpc/api-error';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed load, in place of the content that could not be loaded. */
export function ErrorState({ error, onRetry, retrying }: ErrorStateProps) {
  const { t } = useI18n();
  const { title, message } = describeApiError(error, t);
  return (
    <Paper p="xl" role="alert">
      <Stack align="center" gap="sm" ta="center" py="md">
        <ThemeIcon size={44} radius="xl" variant="light" color="red" aria-hidden>
          <IconAlertTriangle size={22} />
        </ThemeIcon>
        <Title order={3} fz="lg">
          {title}
        </Title>
        <Text c="dimmed" maw={420}>
          {message}
        </Text>
        {onRetry && (
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            onClick={onRetry}
            loading={retrying}
            mt="xs"
          >
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
