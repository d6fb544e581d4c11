import { Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/confirm-modal';
import { FormSection } from '../../components/form-section';
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
    <FormSection title={t('integrations.disconnectTitle')}>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {t('integrations.disconnectDescription')}
        </Text>
        <Button
          variant="light"
          color="red"
          leftSection={<IconPlugConnectedX size={16} />}
          onClick={modal.open}
        >
          {t('integrations.disconnect')}
        </Button>
      </Group>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        onConfirm={() => disconnect.mutate({ id: integration.id })}
        loading={disconnect.isPending}
        title={t('integrations.disconnectConfirmTitle', { account })}
        confirmLabel={t('integrations.confirmDisconnect')}
      >
        {t('integrations.disconnectConfirmMessage')}
      </ConfirmModal>
    </FormSection>
  );
}
