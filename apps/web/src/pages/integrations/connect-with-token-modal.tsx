import { Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { connectWithTokenInput } from '@leadpilot/schemas/integrations';
import { useNavigate } from 'react-router';
import { FormErrorAlert } from '../../components/form-error-alert';
import { isUnder } from '../../forms/field-errors';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { apiFieldErrors } from '../../trpc/api-error';
import type { IntegrationKind, IntegrationOptions } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

interface ConnectWithTokenModalProps {
  opened: boolean;
  onClose: () => void;
  /** Which kinds of account this server can connect (at least one is true). */
  options: IntegrationOptions;
}

/** Connecting a private Kommo integration with its long-lived token: no OAuth round trip. */
export function ConnectWithTokenModal({ opened, onClose, options }: ConnectWithTokenModalProps) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('integrations.tokenTitle')} size="lg">
      {/* Mounted only while open: every opening starts with an empty form (no token kept). */}
      {opened && <ConnectWithTokenForm onClose={onClose} options={options} />}
    </Modal>
  );
}

function ConnectWithTokenForm({ onClose, options }: Omit<ConnectWithTokenModalProps, 'opened'>) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // The choice only when both are possible; with just the demo account, that is the kind.
  const chooseKind = options.real && options.demo;
  const form = useZodForm({
    schema: connectWithTokenInput,
    initialValues: {
      kind: (options.real ? 'kommo' : 'kommo_demo') as IntegrationKind,
      host: '',
      token: '',
    },
  });
  const connect = useMutation(
    trpc.integrations.connectWithToken.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async ({ integrationId }) => {
        await queryClient.invalidateQueries(trpc.integrations.pathFilter());
        onClose();
        notifySuccess(t('integrations.tokenConnected'));
        await navigate(`/integrations/${integrationId}`);
      },
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  const placed = chooseKind ? ['kind', 'host', 'token'] : ['host', 'token'];
  const unplaced = form.unplacedServerErrors((path) => placed.some((name) => isUnder(path, name)));

  return (
    <form onSubmit={form.handleSubmit((data) => connect.mutate(data))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('integrations.tokenHint')}
        </Text>
        {chooseKind && (
          <Radio.Group<IntegrationKind>
            label={t('integrations.tokenKind')}
            value={form.values.kind}
            onChange={(kind) => form.setField('kind', kind)}
            error={form.error('kind')}
          >
            <Group gap="lg" mt={6}>
              <Radio value="kommo" label={t('integrations.tokenKindReal')} />
              <Radio value="kommo_demo" label={t('integrations.tokenKindDemo')} />
            </Group>
          </Radio.Group>
        )}
        <TextInput
          label={t('integrations.tokenHost')}
          placeholder="yourcompany.kommo.com"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          required
          data-autofocus
          {...form.textProps('host')}
        />
        <Textarea
          label={t('integrations.tokenToken')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          autosize
          minRows={4}
          maxRows={10}
          required
          // Enter starts a new line here; Ctrl/⌘+Enter submits like Enter in the address field.
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
          styles={{
            input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' },
          }}
          {...form.textProps('token')}
        />
        <FormErrorAlert error={connect.error} evenWithFieldErrors={unplaced.length > 0} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={connect.isPending}>
            {t('integrations.tokenSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
