import { Skeleton, Table, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActiveOrgAccess } from '../../auth/use-active-org';
import { useSessionCache } from '../../auth/use-session-cache';
import { ConfirmModal } from '../../components/confirm-modal';
import { ErrorState } from '../../components/error-state';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { Member } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { MemberRow } from './member-row';

export function MembersCard({ access }: { access: ActiveOrgAccess }) {
  const { t, tp } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSessionCache();
  const members = useQuery(
    trpc.members.list.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );
  const [removing, setRemoving] = useState<Member | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.members.list.queryFilter());
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async (_, { userId, role }) => {
        const member = members.data?.find((m) => m.userId === userId);
        // Changing one's own role changes what this screen allows.
        if (member?.isYou) await session.refreshMe();
        await refresh();
        if (member)
          notifySuccess(t('members.roleChanged', { name: member.name, role: t(`roles.${role}`) }));
      },
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async () => {
        if (removing) notifySuccess(t('members.removed', { name: removing.name }));
        setRemoving(null);
        await refresh();
      },
    }),
  );

  return (
    <FormSection
      title={t('members.title')}
      description={
        members.data ? tp('members.count', members.data.length) : t('members.description')
      }
    >
      {members.isError && !members.data ? (
        <ErrorState
          error={members.error}
          onRetry={() => void members.refetch()}
          retrying={members.isFetching}
        />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th w={170}>{t('fields.role')}</Table.Th>
                <Table.Th>{t('members.joined')}</Table.Th>
                <Table.Th w={52}>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody aria-busy={members.isPending}>
              {members.isPending
                ? [0, 1, 2].map((i) => (
                    <Table.Tr key={i}>
                      {[0, 1, 2, 3, 4].map((c) => (
                        <Table.Td key={c}>
                          <Skeleton h={16} w={c === 4 ? 24 : '70%'} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : members.data.map((member) => (
                    <MemberRow
                      key={member.userId}
                      member={member}
                      access={access}
                      pendingRole={
                        changeRole.isPending && changeRole.variables.userId === member.userId
                          ? changeRole.variables.role
                          : undefined
                      }
                      onChangeRole={(role) => changeRole.mutate({ userId: member.userId, role })}
                      onRemove={() => setRemoving(member)}
                    />
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ userId: removing.userId })}
        loading={remove.isPending}
        title={t('members.removeTitle')}
        confirmLabel={t('members.removeConfirm')}
      >
        {removing
          ? t('members.removeMessage', { name: removing.name, org: access.org.name })
          : null}
      </ConfirmModal>
    </FormSection>
  );
}
