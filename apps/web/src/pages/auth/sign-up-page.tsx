import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH, signUpInput } from '@leadpilot/schemas/auth';
import { Link, useSearchParams } from 'react-router';
import { safeNextPath, withNext } from '../../auth/safe-next-path';
import { useSessionCache } from '../../auth/use-session-cache';
import { FormErrorAlert } from '../../components/form-error-alert';
import { PasswordField } from '../../components/password-field';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiFieldErrors } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { AuthCard } from './auth-card';

export function SignUpPage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const fromInvitation = safeNextPath(next)?.startsWith('/invite/') ?? false;
  usePageTitle(t('signUp.title'));

  const form = useZodForm({
    schema: signUpInput,
    initialValues: { email: '', password: '', name: '', orgName: '' },
  });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (me) => session.signedIn(me),
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );

  return (
    <AuthCard
      title={t('signUp.title')}
      subtitle={fromInvitation ? t('signUp.subtitleInvited') : t('signUp.subtitle')}
      footer={
        <>
          {t('signUp.haveAccount')}{' '}
          <Anchor component={Link} to={withNext('/sign-in', next)} fw={500}>
            {t('auth.signIn')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.handleSubmit((data) => signUp.mutate({ ...data, locale }))} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.yourName')}
            autoComplete="name"
            required
            autoFocus
            {...form.textProps('name')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            {...form.textProps('email')}
          />
          <PasswordField
            label={t('fields.password')}
            description={t('signUp.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.textProps('password')}
          />
          <TextInput
            label={t('fields.orgName')}
            description={t('signUp.orgHint')}
            autoComplete="organization"
            required
            {...form.textProps('orgName')}
          />
          <FormErrorAlert error={signUp.error} />
          <Button type="submit" fullWidth loading={signUp.isPending} mt={4}>
            {t('auth.signUp')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
