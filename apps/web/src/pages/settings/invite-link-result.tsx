import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { CopyableField } from '../../components/copyable-field';
import { RoleBadge } from '../../components/role-badge';
import { useI18n } from '../../i18n/i18n-context';
import type { RouterOutputs } from '../../trpc/app-router';

interface InviteLinkResultProps {
  invitation: RouterOutputs['members']['invite'];
  onAnother: () => void;
  onDone: () => void;
}

export function InviteLinkResult({ invitation, onAnother, onDone }: InviteLinkResultProps) {
  const { t, format } = useI18n();
  const link = `${window.location.origin}${invitation.url}`;
  return (
    <Stack gap="md">
      <Alert
        color="teal"
        variant="light"
        icon={<IconLink size={18} />}
        title={t('invitations.linkReady')}
      >
        <Group gap={6}>
          <Text size="sm">{t('invitations.linkReadyMessage')}</Text>
          <RoleBadge role={invitation.role} />
        </Group>
      </Alert>
      <CopyableField
        label={t('invitations.link')}
        description={t('invitations.linkExpires', { date: format.dateTime(invitation.expiresAt) })}
        value={link}
        testId="invite-link"
      />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          {t('invitations.another')}
        </Button>
        <Button onClick={onDone} data-autofocus>
          {t('common.done')}
        </Button>
      </Group>
    </Stack>
  );
}
