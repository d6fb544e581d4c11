import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useI18n } from '../i18n/i18n-context';

/**
 * Mantine's show/hide toggle is labelled "Toggle password visibility", which makes a search for
 * the field by its label ("Password") ambiguous; its label here avoids that word. The toggle is
 * out of the tab order (as in Mantine), so keyboard users are unaffected.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useI18n();
  return (
    <PasswordInput
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('auth.revealToggle') }}
    />
  );
}
