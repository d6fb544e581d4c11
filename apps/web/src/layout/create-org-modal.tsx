import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { createOrgInput } from '@leadpilot/schemas/orgs';
import { useNavigate } from 'react-router';
import { useSessionCache } from '../auth/use-session-cache';
import { FormErrorAlert } from '../components/form-error-alert';
import { useZodForm } from '../forms/use-zod-form';
import { useI18n } from '../i18n/i18n-context';
import { notifySuccess } from '../lib/notify';
import { apiFieldErrors } from '../trpc/api-error';
import { useTRPC } from '../trpc/trpc';
import { HOME_PATH } from './home-path';

interface CreateOrgModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateOrgModal({ opened, onClose }: CreateOrgModalProps) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('orgs.create.title')}>
      {/* Mounted only while open: every opening starts with an empty form. */}
      {opened && <CreateOrgForm onDone={onClose} />}
    </Modal>
  );
}

function CreateOrgForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const navigate = useNavigate();
  const form = useZodForm({ schema: createOrgInput, initialValues: { name: '' } });
  const create = useMutation(
    trpc.orgs.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (org) => {
        onDone();
        await navigate(HOME_PATH);
        await session.orgChanged();
        notifySuccess(t('orgs.create.done', { org: org.name }));
      },
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  return (
    <form onSubmit={form.handleSubmit((data) => create.mutate(data))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('orgs.create.description')}
        </Text>
        <TextInput
          label={t('fields.orgName')}
          data-autofocus
          required
          {...form.textProps('name')}
        />
        <FormErrorAlert error={create.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('orgs.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
