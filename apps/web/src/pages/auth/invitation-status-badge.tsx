import { Badge } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';
import type { InvitationInfo } from '../../trpc/app-router';

const colors: Record<InvitationInfo['status'], string> = {
  pending: 'teal',
  expired: 'orange',
  used: 'gray',
  revoked: 'red',
};

export function InvitationStatusBadge({ status }: { status: InvitationInfo['status'] }) {
  const { t } = useI18n();
  return (
    <Badge color={colors[status]} variant="light">
      {t(`invite.status.${status}`)}
    </Badge>
  );
}
