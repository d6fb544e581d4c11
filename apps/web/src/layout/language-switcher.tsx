import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useI18n } from '../i18n/i18n-context';
import { locales, type Locale } from '../i18n/translate';
import { useChangeLocale } from './use-change-locale';

// Each language is named in itself, so it can be found whatever the current one is.
const names: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export function LanguageSwitcher() {
  const { locale, t } = useI18n();
  const changeLocale = useChangeLocale();
  return (
    <Menu position="bottom-end" width={180} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          c="var(--mantine-color-text)"
          px="xs"
          leftSection={<IconLanguage size={16} aria-hidden />}
          data-testid="language-switcher"
          aria-label={t('language.switcher', { language: names[locale] })}
        >
          {locale.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {locales.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => changeLocale(l)}
            rightSection={l === locale ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={l === locale ? 'true' : undefined}
          >
            {names[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
