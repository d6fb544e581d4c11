import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmActionButton } from '../../components/confirm-action-button';
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
    <ConfirmActionButton
      label={t('common.delete')}
      icon={<IconTrash size={16} />}
      variant="subtle"
      opened={opened}
      onOpen={modal.open}
      onClose={modal.close}
      onConfirm={() => remove.mutate({ id: agent.id })}
      loading={remove.isPending}
      confirmTitle={t('agents.deleteTitle')}
      confirmLabel={t('agents.confirmDelete')}
    >
      {t('agents.deleteMessage', { name: agent.name })}
    </ConfirmActionButton>
  );
}
