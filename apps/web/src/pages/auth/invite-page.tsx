import {
  Alert,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { withNext } from '../../auth/safe-next-path';
import { useMe } from '../../auth/use-me';
import { useSessionCache } from '../../auth/use-session-cache';
import { ErrorState } from '../../components/error-state';
import { FormErrorAlert } from '../../components/form-error-alert';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import { usePageTitle } from '../../lib/use-page-title';
import { apiErrorCode } from '../../trpc/api-error';
import { useTRPC, useTRPCClient } from '../../trpc/trpc';
import { InvitationStatusBadge } from './invitation-status-badge';
import { HOME_PATH } from '../../layout/home-path';

export function InvitePage() {
  const { token = '' } = useParams();
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const session = useSessionCache();
  const me = useMe();
  const info = useQuery(
    trpc.members.invitationInfo.queryOptions({ token }, { meta: { inlineErrors: true } }),
  );
  usePageTitle(info.data ? t('invite.title', { org: info.data.orgName }) : t('invite.pageTitle'));

  const join = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async () => {
      const joined = await client.members.acceptInvitation.mutate({ token });
      // Work in the organisation just joined.
      const updated = await client.orgs.switch.mutate({ orgId: joined.orgId });
      return { joined, updated };
    },
    onSuccess: async ({ joined, updated }) => {
      await navigate(HOME_PATH);
      await session.orgChanged(updated);
      notifySuccess(t('invite.joined', { org: joined.orgName }));
    },
  });

  if (info.isPending || me.isPending) {
    return (
      <Paper p="xl" aria-busy="true">
        <Stack gap="sm">
          <Skeleton h={28} w="70%" />
          <Skeleton h={16} w="90%" />
          <Skeleton h={16} w="50%" />
          <Skeleton h={36} mt="md" />
        </Stack>
      </Paper>
    );
  }
  if (info.isError) {
    if (apiErrorCode(info.error) === 'NOT_FOUND' || apiErrorCode(info.error) === 'BAD_REQUEST') {
      return (
        <Paper p="xl" role="alert">
          <Stack gap="xs" ta="center">
            <Title order={1} fz="xl">
              {t('invite.notFound.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('invite.notFound.message')}
            </Text>
          </Stack>
        </Paper>
      );
    }
    return (
      <ErrorState
        error={info.error}
        onRetry={() => void info.refetch()}
        retrying={info.isFetching}
      />
    );
  }

  const invitation = info.data;
  const pending = invitation.status === 'pending';
  const here = `/invite/${encodeURIComponent(token)}`;

  return (
    <Paper p={{ base: 'lg', xs: 32 }} shadow="sm">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
            <IconMailOpened size={22} />
          </ThemeIcon>
          <InvitationStatusBadge status={invitation.status} />
        </Group>
        <Stack gap={6}>
          <Title order={1} fz={22}>
            {t('invite.title', { org: invitation.orgName })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('invite.invitedBy', {
              name: invitation.invitedBy,
              role: t(`roles.${invitation.role}`),
            })}
          </Text>
          {pending && (
            <Text size="sm" c="dimmed">
              {t('invite.expires', { when: format.relative(invitation.expiresAt) })}
            </Text>
          )}
        </Stack>

        {!pending && (
          <Alert color="gray" variant="light" role="status">
            {t(`invite.unavailable.${invitation.status}`)}
          </Alert>
        )}

        {pending && me.data && (
          <Stack gap="sm">
            <Text size="sm">{t('invite.signedInAs', { email: me.data.user.email })}</Text>
            <FormErrorAlert error={join.error} evenWithFieldErrors />
            <Button onClick={() => join.mutate()} loading={join.isPending} fullWidth>
              {t('invite.join')}
            </Button>
          </Stack>
        )}

        {pending && !me.data && (
          <Stack gap="sm">
            <Text size="sm">{t('invite.signInFirst')}</Text>
            <Stack gap="xs">
              <Button component={Link} to={withNext('/sign-in', here)} fullWidth>
                {t('auth.signIn')}
              </Button>
              <Button component={Link} to={withNext('/sign-up', here)} variant="default" fullWidth>
                {t('auth.signUp')}
              </Button>
            </Stack>
          </Stack>
        )}

        {!pending && (
          <Button component={Link} to={me.data ? HOME_PATH : '/sign-in'} variant="default">
            {me.data ? t('invite.toAgents') : t('auth.signIn')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
