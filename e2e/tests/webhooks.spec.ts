import { expect, test } from '@playwright/test';
import { signUp, unique } from './helpers';

test('Kommo webhooks: an event shows up in the log, opens with its payload, and can be replayed', async ({
  page,
  request,
}) => {
  await signUp(page);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect demo Kommo account' }).first().click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}/);
  const webhookUrl = await page.getByTestId('webhook-url').inputValue();
  const demo = new URL(page.url());
  demo.port = String(Number(demo.port) + 1);

  // A client writes in Telegram: the emulated Kommo sends message[add] (and talk[add]) to us.
  const text = unique('Здравствуйте, e2e');
  const simulated = await request.post(`${demo.origin}/_emulator/simulate/message`, {
    data: { leadId: 20_000_005, text, origin: 'telegram' },
  });
  expect(simulated.ok()).toBe(true);

  await page.getByRole('link', { name: 'Open webhook log' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}\/webhooks$/);
  await expect(page.getByRole('heading', { name: 'Webhook log' })).toBeVisible();
  // The worker processes it; the log refreshes by itself.
  const messageRow = page.getByTestId('webhook-row').filter({ hasText: 'message.received' });
  await expect(messageRow.first()).toBeVisible({ timeout: 30_000 });
  await expect(messageRow.first().getByTestId('webhook-status')).toHaveText('Processed');

  // The demo account sends its webhooks to every organisation connected to it, so tests running
  // alongside add their own messages to this log: open the one this test sent.
  const drawer = page.getByRole('dialog', { name: 'Webhook delivery' });
  let found = false;
  for (let i = 0; !found && i < (await messageRow.count()); i++) {
    await messageRow.nth(i).getByRole('button').click();
    const event = drawer.getByTestId('webhook-event').first();
    await expect(event).toContainText('message.received');
    found = ((await event.textContent()) ?? '').includes(text);
    if (!found) await page.keyboard.press('Escape');
  }
  expect(found).toBe(true);
  await drawer.getByRole('tab', { name: 'Decoded payload' }).click();
  await expect(drawer.getByTestId('webhook-payload')).toContainText(text);
  await drawer.getByRole('tab', { name: 'Headers' }).click();
  await expect(drawer.getByTestId('webhook-headers')).toContainText('amoCRM-Webhooks/3.0');
  await drawer.getByRole('tab', { name: 'Raw body' }).click();
  await expect(drawer.getByTestId('webhook-raw')).toContainText('message%5Badd%5D');
  await expect(drawer.getByRole('button', { name: 'Replay' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Something Leadpilot does not understand (posted by hand, like a Digital Pipeline step):
  // stored as unhandled; an admin replays it.
  const posted = await request.post(webhookUrl, {
    form: { 'widgets[add][0][id]': '1' },
  });
  expect(posted.status()).toBe(200);
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Unhandled' }).click();
  await expect(page).toHaveURL(/status=unhandled/);
  const unhandledRow = page.getByTestId('webhook-row').first();
  await expect(unhandledRow.getByTestId('webhook-status')).toHaveText('Unhandled', {
    timeout: 30_000,
  });
  await unhandledRow.getByRole('button').click();
  await expect(drawer.getByTestId('webhook-unhandled')).toContainText('unknown webhook family');
  await expect(drawer.getByText('Processing attempts')).toBeVisible();
  await drawer.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByText('Delivery queued for processing')).toBeVisible();
  // Processed again by the worker: a second attempt, still unhandled.
  await expect(drawer.getByText('Processing attempts').locator('..')).toContainText('2', {
    timeout: 30_000,
  });
  await expect(drawer.getByTestId('webhook-status')).toHaveText('Unhandled');
});
