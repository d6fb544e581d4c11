import { Select } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n-context';
import { notifySuccess } from '../../lib/notify';
import type { KommoUser } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

const AUTO = '__auto__';
const NOBODY = '__nobody__';

/**
 * Admins choose which teammate a Kommo user is: "Match by email" (the default the sync keeps
 * current), "Nobody", or a member by hand — a hand-made choice survives every later sync.
 */
export function TeammateSelect({
  integrationId,
  user,
}: {
  integrationId: string;
  user: KommoUser;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(
    trpc.members.list.queryOptions(undefined, { meta: { inlineErrors: true } }),
  );
  const mapUser = useMutation(
    trpc.kommo.mapUser.mutationOptions({
      onSuccess: async (updated) => {
        await queryClient.invalidateQueries(trpc.kommo.users.queryFilter({ integrationId }));
        notifySuccess(
          updated.user
            ? t('kommoData.mappedTo', { kommo: updated.name, name: updated.user.name })
            : t('kommoData.mappedToNobody', { kommo: updated.name }),
        );
      },
    }),
  );

  const autoLabel =
    !user.mappedByHand && user.user
      ? t('kommoData.matchByEmailFound', { name: user.user.name })
      : t('kommoData.matchByEmail');
  const options = [
    { value: AUTO, label: autoLabel },
    { value: NOBODY, label: t('kommoData.mapNobody') },
  ];
  for (const member of members.data ?? []) {
    options.push({ value: member.userId, label: member.name });
  }
  const value = !user.mappedByHand ? AUTO : (user.user?.id ?? NOBODY);
  if (user.user && user.mappedByHand && !options.some((o) => o.value === user.user?.id)) {
    options.push({ value: user.user.id, label: user.user.name });
  }

  return (
    <Select
      size="xs"
      w={220}
      aria-label={t('kommoData.teammateFor', { name: user.name })}
      data={options}
      value={value}
      allowDeselect={false}
      searchable
      disabled={mapUser.isPending}
      onChange={(next) => {
        if (!next || next === value) return;
        mapUser.mutate({
          integrationId,
          kommoId: user.kommoId,
          userId: next === AUTO ? 'auto' : next === NOBODY ? null : next,
        });
      }}
    />
  );
}
