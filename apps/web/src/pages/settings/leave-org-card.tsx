import { useDisclosure } from '@mantine/hooks';
import { IconDoorExit } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useSessionCache } from '../../auth/use-session-cache';
import { ActionCard } from '../../components/action-card';
import { ConfirmActionButton } from '../../components/confirm-action-button';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { ActiveOrg } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { HOME_PATH } from '../../layout/home-path';

export function LeaveOrgCard({ org }: { org: ActiveOrg }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: async () => {
        modal.close();
        notifySuccess(t('orgSettings.left', { org: org.name }));
        await navigate(HOME_PATH);
        // `auth.me` then says which organisation (if any) is active now.
        await session.orgChanged();
      },
      onError: () => modal.close(),
    }),
  );

  return (
    <ActionCard title={t('orgSettings.leaveTitle')} description={t('orgSettings.leaveDescription')}>
      <ConfirmActionButton
        label={t('orgSettings.leave')}
        icon={<IconDoorExit size={16} />}
        variant="light"
        opened={opened}
        onOpen={modal.open}
        onClose={modal.close}
        onConfirm={() => leave.mutate()}
        loading={leave.isPending}
        confirmTitle={t('orgSettings.leaveConfirmTitle', { org: org.name })}
        confirmLabel={t('orgSettings.leave')}
      >
        {t('orgSettings.leaveConfirmMessage')}
      </ConfirmActionButton>
    </ActionCard>
  );
}
