import { Box, Center, Group, Stack, Text } from '@mantine/core';
import { Outlet } from 'react-router';
import { Wordmark } from '../components/wordmark';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitcher } from './language-switcher';
import { NavigationProgress } from './navigation-progress';

/** Sign-in, sign-up and invitation pages: one centred card, the language switcher in the corner. */
export function AuthLayout() {
  const { t } = useI18n();
  return (
    <Box
      mih="100dvh"
      style={{
        background:
          'radial-gradient(1200px 600px at 50% -10%, var(--mantine-color-brand-1), transparent 70%), var(--mantine-color-gray-0)',
        position: 'relative',
      }}
    >
      <NavigationProgress />
      <Group justify="flex-end" p="md">
        <LanguageSwitcher />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={440} gap="lg" align="stretch">
          <Center>
            <Wordmark size="lg" />
          </Center>
          <Box component="main">
            <Outlet />
          </Box>
          <Text size="xs" c="dimmed" ta="center">
            {t('auth.tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
