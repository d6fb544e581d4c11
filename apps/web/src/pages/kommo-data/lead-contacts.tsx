import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import type { KommoLeadDetail } from '../../trpc/app-router';

/** The lead's contacts with their phones and emails (as links). */
export function LeadContacts({ contacts }: { contacts: KommoLeadDetail['contacts'] }) {
  const { t } = useI18n();
  return (
    <Stack gap="sm" component="section">
      <Title order={3} fz="md">
        {t('kommoData.contacts')}
      </Title>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('kommoData.noContacts')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0}>
          {contacts.map((contact) => (
            <Paper
              key={contact.kommoId}
              component="li"
              p="sm"
              withBorder
              style={{ listStyle: 'none' }}
            >
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {contact.name}
              </Text>
              {contact.phones.length > 0 && (
                <Group gap="xs" mt={4} aria-label={t('kommoData.phones')}>
                  <IconPhone size={14} aria-hidden />
                  {contact.phones.map((phone) => (
                    <Anchor key={phone} href={`tel:${phone}`} size="sm">
                      {phone}
                    </Anchor>
                  ))}
                </Group>
              )}
              {contact.emails.length > 0 && (
                <Group gap="xs" mt={4} aria-label={t('kommoData.emails')}>
                  <IconMail size={14} aria-hidden />
                  {contact.emails.map((email) => (
                    <Anchor
                      key={email}
                      href={`mailto:${email}`}
                      size="sm"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {email}
                    </Anchor>
                  ))}
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
