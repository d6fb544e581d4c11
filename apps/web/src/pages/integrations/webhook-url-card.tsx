import { Button, CopyButton, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
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
      <TextInput
        label={t('integrations.webhookTitle')}
        description={t('integrations.webhookSecret')}
        value={url}
        readOnly
        data-testid="webhook-url"
        onFocus={(e) => e.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        rightSectionWidth={100}
        rightSection={
          <CopyButton value={url} timeout={2000}>
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
    </FormSection>
  );
}
