import { Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';

/** An empty table cell: no value in Kommo. */
export function Dash() {
  const { t } = useI18n();
  return (
    <Text component="span" size="sm" c="dimmed">
      {t('common.none')}
    </Text>
  );
}
