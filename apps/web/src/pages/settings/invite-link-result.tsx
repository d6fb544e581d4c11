import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconLink } from '@tabler/icons-react';
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
      <TextInput
        label={t('invitations.link')}
        description={t('invitations.linkExpires', { date: format.dateTime(invitation.expiresAt) })}
        value={link}
        readOnly
        data-testid="invite-link"
        onFocus={(e) => e.currentTarget.select()}
        rightSectionWidth={100}
        rightSection={
          <CopyButton value={link} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
                aria-live="polite"
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        }
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
