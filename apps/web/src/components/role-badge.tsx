import { Badge } from '@mantine/core';
import { useI18n } from '../i18n/i18n-context';

type Role = 'owner' | 'admin' | 'member';
const colors: Record<Role, string> = { owner: 'brand', admin: 'grape', member: 'gray' };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <Badge color={colors[role]} variant="light" size="sm">
      {t(`roles.${role}`)}
    </Badge>
  );
}
