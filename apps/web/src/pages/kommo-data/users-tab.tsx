import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useActiveOrg } from '../../auth/use-active-org';
import { useI18n } from '../../i18n/i18n-context';
import { useTRPC } from '../../trpc/trpc';
import { KommoUserRow } from './kommo-user-row';
import { MirrorQueryState } from './mirror-query-state';
import type { MirrorTabProps } from './mirror-tab-props';

export function UsersTab({ integrationId, neverSynced }: MirrorTabProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { isAdmin } = useActiveOrg();
  const users = useQuery(
    trpc.kommo.users.queryOptions({ integrationId }, { meta: { inlineErrors: true } }),
  );
  return (
    <MirrorQueryState
      query={users}
      integrationId={integrationId}
      neverSynced={neverSynced}
      emptyMessage={t('kommoData.emptyUsers')}
    >
      {(items) => (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label={t('kommoData.usersLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('kommoData.col.userName')}</Table.Th>
                <Table.Th>{t('kommoData.col.email')}</Table.Th>
                <Table.Th>{t('kommoData.col.admin')}</Table.Th>
                <Table.Th>{t('kommoData.col.active')}</Table.Th>
                <Table.Th>{t('kommoData.col.teammate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((user) => (
                <KommoUserRow
                  key={user.kommoId}
                  user={user}
                  integrationId={integrationId}
                  canEdit={isAdmin}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </MirrorQueryState>
  );
}
