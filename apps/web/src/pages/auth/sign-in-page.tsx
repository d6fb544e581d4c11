import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { signInInput } from '@leadpilot/schemas/auth';
import { Link, useSearchParams } from 'react-router';
import { withNext } from '../../auth/safe-next-path';
import { useSessionCache } from '../../auth/use-session-cache';
import { FormErrorAlert } from '../../components/form-error-alert';
import { PasswordField } from '../../components/password-field';
import { useZodForm } from '../../forms/use-zod-form';
import { useI18n } from '../../i18n/i18n-context';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode, apiFieldErrors } from '../../trpc/api-error';
import { useTRPC } from '../../trpc/trpc';
import { AuthCard } from './auth-card';
import { ThrottledAlert } from './throttled-alert';

export function SignInPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionCache();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  usePageTitle(t('signIn.title'));

  const form = useZodForm({ schema: signInInput, initialValues: { email: '', password: '' } });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      meta: { inlineErrors: true },
      // <GuestOnly> then moves on to `?next=` or the agents.
      onSuccess: (me) => session.signedIn(me),
      onError: (error) => form.setServerErrors(apiFieldErrors(error)),
    }),
  );
  const throttled = apiErrorCode(signIn.error) === 'TOO_MANY_REQUESTS';

  return (
    <AuthCard
      title={t('signIn.title')}
      subtitle={t('signIn.subtitle')}
      footer={
        <>
          {t('signIn.noAccount')}{' '}
          <Anchor component={Link} to={withNext('/sign-up', next)} fw={500}>
            {t('auth.signUp')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.handleSubmit((data) => signIn.mutate(data))} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            autoFocus
            {...form.textProps('email')}
          />
          <PasswordField
            label={t('fields.password')}
            autoComplete="current-password"
            required
            {...form.textProps('password')}
          />
          {throttled ? (
            <ThrottledAlert error={signIn.error} />
          ) : (
            <FormErrorAlert error={signIn.error} />
          )}
          <Button type="submit" fullWidth loading={signIn.isPending} mt={4}>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
