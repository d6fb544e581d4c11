import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActiveOrgAccess } from '../../auth/use-active-org';
import { ConfirmModal } from '../../components/confirm-modal';
import { ErrorState } from '../../components/error-state';
import { FormSection } from '../../components/form-section';
import { RoleBadge } from '../../components/role-badge';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { PendingInvitation } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { InviteModal } from './invite-modal';

/** Owners and admins: create invitation links and revoke pending ones. */
export function InvitationsCard({ access }: { access: ActiveOrgAccess }) {
  const { t, format } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [inviteOpened, inviteModal] = useDisclosure(false);
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  const invitations = useQuery(
    trpc.members.invitations.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        setRevoking(null);
        notifySuccess(t('invitations.revoked'));
        await queryClient.invalidateQueries(trpc.members.invitations.queryFilter());
      },
    }),
  );

  return (
    <FormSection title={t('invitations.title')} description={t('invitations.description')}>
      <Group>
        <Button leftSection={<IconUserPlus size={16} />} onClick={inviteModal.open}>
          {t('invitations.invite')}
        </Button>
      </Group>

      {invitations.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : invitations.isError ? (
        <ErrorState
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
          retrying={invitations.isFetching}
        />
      ) : invitations.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('invitations.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="sm">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('invitations.pending')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Th>{t('invitations.for')}</Table.Th>
                <Table.Th>{t('invitations.createdBy')}</Table.Th>
                <Table.Th>{t('invitations.expires')}</Table.Th>
                <Table.Th w={52}>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id} data-testid="invitation-row">
                  <Table.Td>
                    <RoleBadge role={invitation.role} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={invitation.email ? undefined : 'dimmed'}>
                      {invitation.email ?? t('invitations.anyone')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{invitation.createdBy.name}</Text>
                    <Text size="xs" c="dimmed">
                      {format.relative(invitation.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={format.dateTime(invitation.expiresAt)} openDelay={400}>
                      <Badge variant="light" color="gray" tt="none" fw={500}>
                        {format.relative(invitation.expiresAt)}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('invitations.revoke')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(invitation)}
                        aria-label={t('invitations.revoke')}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <InviteModal
        opened={inviteOpened}
        onClose={inviteModal.close}
        canInviteOwners={access.isOwner}
      />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        loading={revoke.isPending}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revoke')}
      >
        {t('invitations.revokeMessage')}
      </ConfirmModal>
    </FormSection>
  );
}
