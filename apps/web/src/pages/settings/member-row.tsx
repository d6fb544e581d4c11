import { ActionIcon, Badge, Group, NativeSelect, Table, Text, Tooltip } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import type { Role } from '@leadpilot/schemas/common';
import type { ActiveOrgAccess } from '../../auth/use-active-org';
import { InitialsAvatar } from '../../components/initials-avatar';
import { RoleBadge } from '../../components/role-badge';
import { useI18n } from '../../i18n/i18n-context';
import type { Member } from '../../trpc/app-router';

interface MemberRowProps {
  member: Member;
  access: ActiveOrgAccess;
  /** The role being saved right now, shown at once */
  pendingRole: Role | undefined;
  onChangeRole: (role: Role) => void;
  onRemove: () => void;
}

export function MemberRow({ member, access, pendingRole, onChangeRole, onRemove }: MemberRowProps) {
  const { t, format } = useI18n();
  // Admins manage admins and members; only owners touch owners. The server has the last word.
  const canEditRole = access.isAdmin && (access.isOwner || member.role !== 'owner');
  const roles: Role[] = access.isOwner ? ['owner', 'admin', 'member'] : ['admin', 'member'];
  const canRemove = canEditRole && !member.isYou;

  return (
    <Table.Tr data-testid="member-row">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <InitialsAvatar name={member.name} size={32} color={member.isYou ? 'brand' : 'gray'} />
          <Text size="sm" fw={500} truncate>
            {member.name}
          </Text>
          {member.isYou && (
            <Badge size="xs" variant="light" tt="none">
              {t('members.you')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" truncate>
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {canEditRole ? (
          <NativeSelect
            aria-label={t('fields.role')}
            size="xs"
            value={pendingRole ?? member.role}
            onChange={(e) => onChangeRole(e.currentTarget.value as Role)}
            disabled={pendingRole !== undefined}
            data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            maw={150}
          />
        ) : (
          <RoleBadge role={member.role} />
        )}
      </Table.Td>
      <Table.Td>
        <Tooltip label={format.dateTime(member.joinedAt)} openDelay={400}>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {format.date(member.joinedAt)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        {canRemove && (
          <Tooltip label={t('members.remove')}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={t('members.removeNamed', { name: member.name })}
            >
              <IconUserMinus size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
