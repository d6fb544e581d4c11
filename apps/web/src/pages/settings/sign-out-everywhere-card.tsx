import { useDisclosure } from '@mantine/hooks';
import { IconLogout2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { reloadToSignIn } from '../../auth/reload-to-sign-in';
import { ActionCard } from '../../components/action-card';
import { ConfirmActionButton } from '../../components/confirm-action-button';
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
    <ActionCard title={t('profile.sessions')} description={t('profile.sessionsDescription')}>
      <ConfirmActionButton
        label={t('profile.signOutEverywhere')}
        icon={<IconLogout2 size={16} />}
        variant="light"
        opened={opened}
        onOpen={modal.open}
        onClose={modal.close}
        onConfirm={() => signOutEverywhere.mutate()}
        loading={signOutEverywhere.isPending}
        confirmTitle={t('profile.signOutEverywhereTitle')}
        confirmLabel={t('profile.signOutEverywhere')}
      >
        {t('profile.signOutEverywhereMessage')}
      </ConfirmActionButton>
    </ActionCard>
  );
}
