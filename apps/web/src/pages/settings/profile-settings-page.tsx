import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { updateProfileInput } from '@leadpilot/schemas/auth';
import { useMe } from '../../auth/use-me';
import { useSessionCache } from '../../auth/use-session-cache';
import { FormErrorAlert } from '../../components/form-error-alert';
import { FormSection } from '../../components/form-section';
import { PageHeader } from '../../components/page-header';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { localeStore } from '../../i18n/locale-store';
import { dictionaries } from '../../i18n/dictionaries';
import { createTranslator, type Locale } from '../../i18n/translate';
import { notifySuccess } from '../../lib/notify';
import { usePageTitle } from '../../lib/use-page-title';
import { apiFieldErrors } from '../../trpc/api-error';
import type { Me } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { SignOutEverywhereCard } from './sign-out-everywhere-card';

export function ProfileSettingsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  usePageTitle(t('nav.profile'));
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Stack gap="lg">
        <ProfileForm me={me} />
        <SignOutEverywhereCard />
      </Stack>
    </>
  );
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const form = useZodForm({
    schema: updateProfileInput,
    initialValues: { name: me.user.name, locale: me.user.locale as Locale },
  });
  const save = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (updated) => {
        localeStore.set(updated.user.locale);
        session.meUpdated(updated);
        form.reset({ name: updated.user.name, locale: updated.user.locale });
        // Worded in the language just chosen: the provider switches on the next render.
        notifySuccess(createTranslator(dictionaries[updated.user.locale])('profile.saved'));
      },
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  return (
    <FormSection title={t('profile.personal')}>
      <form onSubmit={form.handleSubmit((data) => save.mutate(data))} noValidate>
        <Stack gap="md" maw={420}>
          <TextInput
            label={t('fields.email')}
            value={me.user.email}
            readOnly
            variant="filled"
            description={t('profile.emailHint')}
          />
          <TextInput
            label={t('fields.yourName')}
            autoComplete="name"
            required
            {...form.textProps('name')}
          />
          <NativeSelect
            label={t('profile.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ru', label: 'Русский' },
            ]}
            value={form.values.locale}
            onChange={(e) => form.setField('locale', e.currentTarget.value as Locale)}
            error={form.error('locale')}
          />
          <FormErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty}>
              {t('common.save')}
            </Button>
            {!form.isDirty && (
              <Text size="xs" c="dimmed">
                {t('profile.noChanges')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </FormSection>
  );
}
