import { expect, test } from '@playwright/test';
import { signUp } from './helpers';

test('the first sync runs after connecting, live, and the Kommo data can be browsed', async ({
  page,
}) => {
  const account = await signUp(page);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect demo Kommo account' }).first().click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}/);
  const integrationPage = new URL(page.url()).pathname;

  // the worker runs the sync queued on connect; the page follows it without a reload
  await expect(page.getByTestId('sync-status').first()).toHaveText('Succeeded', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-history-row')).toHaveCount(1);

  await page.getByRole('link', { name: 'Browse Kommo data' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}\/data/);
  await expect(page.getByTestId('pipeline-card').first()).toBeVisible();
  await expect(page.getByTestId('stage-chip').first()).toBeVisible();

  await page.getByRole('tab', { name: 'Leads' }).click();
  await expect(page.getByTestId('lead-row').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByTestId('kommo-user-row').first()).toBeVisible();

  // an admin maps a Kommo user to a teammate by hand; it sticks
  const teammate = page
    .getByTestId('kommo-user-row')
    .first()
    .getByLabel(/Leadpilot teammate for/);
  await teammate.click();
  await page.getByRole('option', { name: account.name, exact: true }).click();
  await expect(page.getByText(`is now ${account.name} in Leadpilot`)).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(
    page
      .getByTestId('kommo-user-row')
      .first()
      .getByLabel(/Leadpilot teammate for/),
  ).toHaveValue(account.name);

  // Sync now from the integration page adds a second run
  await page.goto(integrationPage);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-history-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('sync-status').first()).toHaveText('Succeeded', {
    timeout: 60_000,
  });
});
