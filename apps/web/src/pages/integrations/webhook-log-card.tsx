import { Button, Group, Text } from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { Link } from 'react-router';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';

/** Where every webhook Kommo sent this account can be inspected (everyone in the organisation). */
export function WebhookLogCard({ integrationId }: { integrationId: string }) {
  const { t } = useI18n();
  return (
    <FormSection title={t('webhookLog.cardTitle')} description={t('webhookLog.cardDescription')}>
      <Group justify="space-between" gap="md">
        <Text size="sm" c="dimmed">
          {t('webhookLog.cardHint')}
        </Text>
        <Button
          component={Link}
          to={`/integrations/${integrationId}/webhooks`}
          variant="default"
          leftSection={<IconWebhook size={16} />}
        >
          {t('webhookLog.open')}
        </Button>
      </Group>
    </FormSection>
  );
}
