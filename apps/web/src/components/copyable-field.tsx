import { Button, CopyButton, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-context';

interface CopyableFieldProps {
  label: string;
  description: string;
  value: string;
  testId: string;
  /** For machine text (URLs with secrets) that is read character by character. */
  monospace?: boolean;
}

/** A read-only value with a Copy button; focusing the field selects it for a manual copy. */
export function CopyableField({
  label,
  description,
  value,
  testId,
  monospace,
}: CopyableFieldProps) {
  const { t } = useI18n();
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      readOnly
      data-testid={testId}
      onFocus={(e) => e.currentTarget.select()}
      styles={
        monospace ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined
      }
      rightSectionWidth={100}
      rightSection={
        <CopyButton value={value} timeout={2000}>
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
  );
}
