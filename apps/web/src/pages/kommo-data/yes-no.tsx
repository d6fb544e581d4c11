import { Badge } from '@mantine/core';
import { useI18n } from '../../i18n/i18n-context';

/** A yes/no table cell: "Yes" stands out, "No" stays quiet. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useI18n();
  return (
    <Badge variant="light" color={value ? 'teal' : 'gray'} tt="none" fw={500}>
      {value ? t('common.yes') : t('common.no')}
    </Badge>
  );
}
