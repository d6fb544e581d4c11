import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-context';
import { apiFieldErrors, describeApiError } from '../trpc/api-error';

interface FormErrorAlertProps {
  error: unknown;
  /** Field errors already show next to their fields; `true` shows the alert anyway. */
  evenWithFieldErrors?: boolean;
}

/** A failed submit, above the form's buttons (announced to screen readers). */
export function FormErrorAlert({ error, evenWithFieldErrors = false }: FormErrorAlertProps) {
  const { t } = useI18n();
  if (!error) return null;
  if (!evenWithFieldErrors && apiFieldErrors(error)) return null;
  const { title, message } = describeApiError(error, t);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={title}
      role="alert"
    >
      {message}
    </Alert>
  );
}
