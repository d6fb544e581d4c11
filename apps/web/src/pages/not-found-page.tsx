import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n-context';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Center mih="100dvh" p="md">
      <Stack align="center" gap="sm" ta="center">
        <Text fz={56} fw={800} c="brand.2" lh={1} aria-hidden>
          404
        </Text>
        <Title order={1} fz="xl">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.message')}</Text>
        <Button component={Link} to="/agents" mt="sm">
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
