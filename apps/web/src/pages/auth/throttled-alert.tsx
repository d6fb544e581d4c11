import { Alert, Text } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';
import { apiRetryAfterSeconds } from '../../trpc/api-error';

/** 429 on sign-in: the server's own sentence, plus when to try again in the interface language. */
export function ThrottledAlert({ error }: { error: { message: string } | null }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  const seconds = apiRetryAfterSeconds(error);
  // The server's sentence is English and already says when; other languages get it in their own.
  const minutes = seconds && locale !== 'en' ? Math.ceil(seconds / 60) : null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconClockPause size={18} />}
      title={t('signIn.throttled')}
      role="alert"
    >
      <Text size="sm">{error.message}</Text>
      {minutes !== null && (
        <Text size="sm" mt={4} fw={500}>
          {t('signIn.retryIn', {
            time: new Intl.NumberFormat(locale, {
              style: 'unit',
              unit: 'minute',
              unitDisplay: 'long',
            }).format(minutes),
          })}
        </Text>
      )}
    </Alert>
  );
}
