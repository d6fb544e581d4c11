import { Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { reloadToSignIn } from '../../auth/reload-to-sign-in';
import { ConfirmModal } from '../../components/confirm-modal';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';

export function SignOutEverywhereCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [opened, modal] = useDisclosure(false);
  const signOutEverywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => reloadToSignIn(),
    }),
  );

  return (
    <FormSection title={t('profile.sessions')}>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {t('profile.sessionsDescription')}
        </Text>
        <Button
          variant="light"
          color="red"
          leftSection={<IconLogout2 size={16} />}
          onClick={modal.open}
        >
          {t('profile.signOutEverywhere')}
        </Button>
      </Group>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        onConfirm={() => signOutEverywhere.mutate()}
        loading={signOutEverywhere.isPending}
        title={t('profile.signOutEverywhereTitle')}
        confirmLabel={t('profile.signOutEverywhere')}
      >
        {t('profile.signOutEverywhereMessage')}
      </ConfirmModal>
    </FormSection>
  );
}
