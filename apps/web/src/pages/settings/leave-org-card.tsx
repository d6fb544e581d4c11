import { Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDoorExit } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useSessionCache } from '../../auth/use-session-cache';
import { ConfirmModal } from '../../components/confirm-modal';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { ActiveOrg } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

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
        await navigate('/agents');
        // `auth.me` then says which organisation (if any) is active now.
        await session.orgChanged();
      },
      onError: () => modal.close(),
    }),
  );

  return (
    <FormSection title={t('orgSettings.leaveTitle')}>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {t('orgSettings.leaveDescription')}
        </Text>
        <Button
          variant="light"
          color="red"
          leftSection={<IconDoorExit size={16} />}
          onClick={modal.open}
        >
          {t('orgSettings.leave')}
        </Button>
      </Group>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        onConfirm={() => leave.mutate()}
        loading={leave.isPending}
        title={t('orgSettings.leaveConfirmTitle', { org: org.name })}
        confirmLabel={t('orgSettings.leave')}
      >
        {t('orgSettings.leaveConfirmMessage')}
      </ConfirmModal>
    </FormSection>
  );
}
