import { expect, test } from '@playwright/test';
import { signUp } from './helpers';

test('connects the demo Kommo account through OAuth, disconnects and reconnects', async ({
  page,
}) => {
  await signUp(page);
  await page.getByRole('link', { name: 'Integrations' }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await page.getByRole('button', { name: 'Connect demo Kommo account' }).first().click();

  // the emulator's consent page (a different origin), approved by a person
  await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();

  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('integration-status')).toHaveText('Connected');
  await expect(page.getByTestId('webhook-url')).toHaveValue(
    /\/webhooks\/kommo\/[0-9a-f-]{36}\/[\w-]{20,}$/,
  );

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Confirm disconnect' }).click();
  await expect(page.getByTestId('integration-status')).toHaveText('Disconnected');

  await page.getByRole('button', { name: 'Reconnect' }).click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId('integration-status')).toHaveText('Connected');

  await page.goto('/integrations');
  await expect(page.getByTestId('integration-row')).toHaveCount(1);
});

test('a forged OAuth callback shows a clear error and connects nothing', async ({ page }) => {
  await signUp(page);
  const demoHost = new URL(page.url()).host.replace(
    /:(\d+)$/,
    (_, p: string) => `:${Number(p) + 1}`,
  );
  await page.goto(
    `/oauth/kommo/callback?code=abc&referer=${demoHost}&state=forged-forged-forged-forged`,
  );
  await expect(page.getByRole('heading', { name: 'Kommo was not connected' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(/unknown or was already used/);

  // a host that is no Kommo account: refused before any secret could be sent there
  await page.goto(
    '/oauth/kommo/callback?code=abc&referer=evil.example.com&state=forged-forged-forged-forged',
  );
  await expect(page.getByRole('alert')).toContainText(/not a Kommo account host/);
  await page.getByRole('link', { name: 'Back to integrations' }).click();
  await expect(page.getByTestId('integration-row')).toHaveCount(0);
});

test('denying access at the consent page connects nothing and says so', async ({ page }) => {
  await signUp(page);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect demo Kommo account' }).first().click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('alert')).toContainText(/not granted/);
});

test('connects with a pasted long-lived token', async ({ page, request }) => {
  await signUp(page);
  const demo = new URL(page.url());
  demo.port = String(Number(demo.port) + 1);
  const issued = await request.post(`${demo.origin}/_emulator/tokens/long-lived`, { data: {} });
  const { token } = (await issued.json()) as { token: string };

  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Use a long-lived token' }).first().click();
  await page.getByLabel('Account address').fill(demo.host);
  await page.getByRole('textbox', { name: 'Long-lived token' }).fill(token);
  await page.getByRole('button', { name: 'Connect with token' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('integration-status')).toHaveText('Connected');
});
