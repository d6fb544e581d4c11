import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@leadpilot/schemas/common';
import { createInvitationInput } from '@leadpilot/schemas/orgs';
import { FormErrorAlert } from '../../components/form-error-alert';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { apiFieldErrors } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { InviteLinkResult } from './invite-link-result';

const EXPIRY_DAYS = [1, 3, 7, 14, 30];

interface InviteModalProps {
  opened: boolean;
  onClose: () => void;
  canInviteOwners: boolean;
}

export function InviteModal({ opened, onClose, canInviteOwners }: InviteModalProps) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('invitations.invite')} size="lg">
      {/* Mounted only while open: each opening starts a fresh invitation. */}
      {opened && <InviteForm onClose={onClose} canInviteOwners={canInviteOwners} />}
    </Modal>
  );
}

function InviteForm({ onClose, canInviteOwners }: Omit<InviteModalProps, 'opened'>) {
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm({
    schema: createInvitationInput,
    initialValues: { role: 'member' as Role, email: '', expiresInDays: 7 },
  });
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: () => void queryClient.invalidateQueries(trpc.members.invitations.queryFilter()),
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  if (invite.data) {
    return (
      <InviteLinkResult
        invitation={invite.data}
        onAnother={() => {
          invite.reset();
          form.reset({ role: 'member', email: '', expiresInDays: 7 });
        }}
        onDone={onClose}
      />
    );
  }

  const roles: Role[] = canInviteOwners ? ['member', 'admin', 'owner'] : ['member', 'admin'];
  return (
    <form onSubmit={form.handleSubmit((data) => invite.mutate(data))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('invitations.modalHint')}
        </Text>
        <NativeSelect
          label={t('fields.role')}
          description={t(`roles.${form.values.role}.hint`)}
          data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={form.values.role}
          onChange={(e) => form.setField('role', e.currentTarget.value as Role)}
          error={form.error('role')}
          data-autofocus
        />
        <TextInput
          label={t('fields.email')}
          description={t('invitations.emailHint')}
          placeholder="teammate@company.com"
          type="email"
          {...form.textProps('email')}
        />
        <NativeSelect
          label={t('invitations.expiresIn')}
          data={EXPIRY_DAYS.map((days) => ({ value: String(days), label: format.days(days) }))}
          value={String(form.values.expiresInDays)}
          onChange={(e) => form.setField('expiresInDays', Number(e.currentTarget.value))}
          error={form.error('expiresInDays')}
        />
        <FormErrorAlert error={invite.error} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('invitations.createLink')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
