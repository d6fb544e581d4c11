import { useDisclosure } from '@mantine/hooks';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActionCard } from '../../components/action-card';
import { ConfirmActionButton } from '../../components/confirm-action-button';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess, notifyWarning } from '../../lib/notify';
import type { IntegrationDetail } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { integrationName } from './integration-name';

/** Owners and admins: erase the tokens and unsubscribe the webhooks, after a confirmation. */
export function DisconnectIntegrationCard({ integration }: { integration: IntegrationDetail }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [opened, modal] = useDisclosure(false);
  const account = integrationName(integration);
  const disconnect = useMutation(
    trpc.integrations.disconnect.mutationOptions({
      onSuccess: async ({ warning }) => {
        modal.close();
        const done = t('integrations.disconnected', { account });
        if (warning) notifyWarning(done, warning);
        else notifySuccess(done);
        // Agents show their integration's status too.
        await Promise.all([
          queryClient.invalidateQueries(trpc.integrations.pathFilter()),
          queryClient.invalidateQueries(trpc.agents.pathFilter()),
        ]);
      },
      onError: () => modal.close(),
    }),
  );

  return (
    <ActionCard
      title={t('integrations.disconnectTitle')}
      description={t('integrations.disconnectDescription')}
    >
      <ConfirmActionButton
        label={t('integrations.disconnect')}
        icon={<IconPlugConnectedX size={16} />}
        variant="light"
        opened={opened}
        onOpen={modal.open}
        onClose={modal.close}
        onConfirm={() => disconnect.mutate({ id: integration.id })}
        loading={disconnect.isPending}
        confirmTitle={t('integrations.disconnectConfirmTitle', { account })}
        confirmLabel={t('integrations.confirmDisconnect')}
      >
        {t('integrations.disconnectConfirmMessage')}
      </ConfirmActionButton>
    </ActionCard>
  );
}
