import { expect, test } from '@playwright/test';
import { newAccount, signIn, signUp } from './helpers';

test('switches the interface to Russian and keeps it on the user across sessions', async ({
  page,
  browser,
}) => {
  const account = await signUp(page, newAccount('ru'));
  await page.goto('/agents');
  await expect(page.getByRole('link', { name: 'Create agent' }).first()).toBeVisible();

  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: 'Русский' }).click();
  await expect(page.getByRole('link', { name: 'Создать агента' }).first()).toBeVisible();
  await expect(page.getByText('Агентов пока нет')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

  // stored on the user: a fresh browser signing in gets Russian too
  const other = await browser.newContext({ locale: 'en-US' });
  const second = await other.newPage();
  await signIn(second, account);
  await expect(second.getByRole('link', { name: 'Создать агента' }).first()).toBeVisible();

  // the form speaks Russian as well, validation included
  await second.goto('/agents/new');
  await second.getByRole('button', { name: 'Сохранить' }).click();
  await expect(second.getByText('Заполните это поле').first()).toBeVisible();
  await other.close();
});
