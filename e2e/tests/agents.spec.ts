import { expect, test } from '@playwright/test';
import { createAgent, newAccount, signIn, signOut, signUp, unique } from './helpers';

test('sign up, create an agent, edit it, see it in the list, sign out and back in', async ({
  page,
}) => {
  const account = await signUp(page, newAccount('owner'));
  await page.goto('/agents');
  await expect(page.getByText(/create your first agent/i)).toBeVisible();

  const name = unique('Qualifier');
  await page.getByRole('link', { name: 'Create agent' }).first().click();
  await expect(page).toHaveURL(/\/agents\/new$/);

  // inline validation: the form refuses an empty name and says why, before any request
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/required/i).first()).toBeVisible();
  await expect(page).toHaveURL(/\/agents\/new$/);

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Answers new WhatsApp leads');
  await page.getByLabel('Instructions').fill('Qualify budget and timeline.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/agents$/);
  const row = page.getByTestId('agent-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Answers new WhatsApp leads');

  await row.click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  const renamed = `${name} v2`;
  await page.getByLabel('Name', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByTestId('agent-row').filter({ hasText: renamed })).toBeVisible();

  await signOut(page);
  await page.goto('/agents');
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/agents');
  await expect(page.getByTestId('agent-row').filter({ hasText: renamed })).toBeVisible();
});

test('deletes an agent after confirmation', async ({ page }) => {
  await signUp(page);
  const name = unique('Temp');
  const id = await createAgent(page, { name });
  await page.goto(`/agents/${id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByTestId('agent-row').filter({ hasText: name })).toHaveCount(0);
});

test('shows a clear error for a short password at sign-up', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(`${unique('short')}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Your name').fill('Short');
  await page.getByLabel('Organisation name').fill('Short Co');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});
