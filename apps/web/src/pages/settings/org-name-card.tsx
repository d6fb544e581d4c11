import { Button, Group, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { renameOrgInput } from '@leadpilot/schemas/orgs';
import type { ActiveOrgAccess } from '../../auth/use-active-org';
import { useSessionCache } from '../../auth/use-session-cache';
import { FormErrorAlert } from '../../components/form-error-alert';
import { FormSection } from '../../components/form-section';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { apiFieldErrors } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';

export function OrgNameCard({ access }: { access: ActiveOrgAccess }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const { me, org, isAdmin } = access;
  const form = useZodForm({ schema: renameOrgInput, initialValues: { name: org.name } });
  const rename = useMutation(
    trpc.orgs.rename.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (renamed) => {
        // The header's switcher reads the name from `auth.me`.
        session.meUpdated({
          ...me,
          activeOrg: me.activeOrg && { ...me.activeOrg, name: renamed.name },
          orgs: me.orgs.map((o) => (o.id === renamed.id ? { ...o, name: renamed.name } : o)),
        });
        form.reset({ name: renamed.name });
        notifySuccess(t('orgSettings.renamed'));
      },
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  return (
    <FormSection
      title={t('orgSettings.general')}
      description={isAdmin ? undefined : t('orgSettings.adminsOnly')}
    >
      <form onSubmit={form.handleSubmit((data) => rename.mutate(data))} noValidate>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('fields.orgName')}
            readOnly={!isAdmin}
            required
            style={{ flex: '1 1 260px' }}
            maw={420}
            {...form.textProps('name')}
          />
          {isAdmin && (
            <Button type="submit" loading={rename.isPending} disabled={!form.isDirty} mt={25}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </form>
      <FormErrorAlert error={rename.error} />
    </FormSection>
  );
}
