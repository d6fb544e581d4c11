import { Table, Text, Tooltip } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoUser } from '../../trpc/app-router';
import { Dash } from './dash';
import { TeammateSelect } from './teammate-select';
import { YesNo } from './yes-no';

export function KommoUserRow({
  user,
  integrationId,
  canEdit,
}: {
  user: KommoUser;
  integrationId: string;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  return (
    <Table.Tr data-testid="kommo-user-row">
      <Table.Td>
        <Text size="sm" fw={500} c={user.isActive ? undefined : 'dimmed'}>
          {user.name}
        </Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email ?? <Dash />}</Table.Td>
      <Table.Td>
        <YesNo value={user.isAdmin} />
      </Table.Td>
      <Table.Td>
        <YesNo value={user.isActive} />
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <TeammateSelect integrationId={integrationId} user={user} />
        ) : user.user ? (
          <Tooltip
            label={user.mappedByHand ? t('kommoData.mappedByHand') : t('kommoData.mappedByEmail')}
            openDelay={300}
          >
            <Text size="sm" tabIndex={0} w="fit-content">
              {user.user.name}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            {t('kommoData.notMapped')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
