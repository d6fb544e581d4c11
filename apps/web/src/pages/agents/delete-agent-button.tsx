import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/confirm-modal';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { Agent } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

interface DeleteAgentButtonProps {
  agent: Pick<Agent, 'id' | 'name'>;
  onDeleted: () => void;
}

export function DeleteAgentButton({ agent, onDeleted }: DeleteAgentButtonProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [opened, modal] = useDisclosure(false);
  const remove = useMutation(
    trpc.agents.delete.mutationOptions({
      onSuccess: () => {
        modal.close();
        queryClient.removeQueries({ queryKey: trpc.agents.get.queryKey({ id: agent.id }) });
        void queryClient.invalidateQueries(trpc.agents.list.pathFilter());
        void queryClient.invalidateQueries(trpc.integrations.pathFilter());
        notifySuccess(t('agents.deleted', { name: agent.name }));
        onDeleted();
      },
    }),
  );

  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} />}
        onClick={modal.open}
      >
        {t('common.delete')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        onConfirm={() => remove.mutate({ id: agent.id })}
        loading={remove.isPending}
        title={t('agents.deleteTitle')}
        confirmLabel={t('agents.confirmDelete')}
      >
        {t('agents.deleteMessage', { name: agent.name })}
      </ConfirmModal>
    </>
  );
}
