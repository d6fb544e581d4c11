import { CopyableField } from '../../components/copyable-field';
import { FormSection } from '../../components/form-section';
import { useI18n } from '../../i18n/i18n-context';

/** Admins only (the server sends the URL to admins only): it embeds the webhook secret. */
export function WebhookUrlCard({ url }: { url: string }) {
  const { t } = useI18n();
  return (
    <FormSection
      title={t('integrations.webhookSection')}
      description={t('integrations.webhookHint')}
    >
      <CopyableField
        label={t('integrations.webhookTitle')}
        description={t('integrations.webhookSecret')}
        value={url}
        testId="webhook-url"
        monospace
      />
    </FormSection>
  );
}
