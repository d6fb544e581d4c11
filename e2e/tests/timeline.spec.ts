import { expect, test } from '@playwright/test';
import { signUp, unique } from './helpers';

const LEAD = 20_000_005;
const BORIS = 8_100_002; // a user of the demo Kommo account

test('events from Kommo reach the lead timeline and the assignee’s notifications, live', async ({
  page,
  request,
}) => {
  const account = await signUp(page);
  await page.goto('/integrations');
  await page.getByRole('button', { name: 'Connect demo Kommo account' }).first().click();
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}/);
  const integrationPath = new URL(page.url()).pathname;
  const demo = new URL(page.url());
  demo.port = String(Number(demo.port) + 1);
  await expect(page.getByTestId('sync-status').first()).toHaveText('Succeeded', {
    timeout: 60_000,
  });

  // Boris in Kommo is this teammate in Leadpilot
  await page.goto(`${integrationPath}/data?tab=users`);
  const boris = page.getByTestId('kommo-user-row').filter({ hasText: 'Boris Ivanov' });
  await boris.getByLabel(/Leadpilot teammate for/).click();
  await page.getByRole('option', { name: account.name, exact: true }).click();
  await expect(page.getByText(`is now ${account.name} in Leadpilot`)).toBeVisible();

  // the lead is open while things happen in Kommo
  await page.goto(`${integrationPath}/data?tab=leads&lead=${LEAD}`);
  const drawer = page.getByRole('dialog');
  // A full page load right after the first sync: on a CI machine running another browser test
  // beside it, the data page's first queries have taken over 10 s (the drawer open, still loading).
  await expect(drawer.getByRole('heading', { name: 'Conversation' })).toBeVisible({
    timeout: 30_000,
  });

  const text = unique('Привет, is it in stock');
  const task = unique('Call the client back about the quote');
  for (const [path, data] of [
    ['message', { leadId: LEAD, text, origin: 'whatsapp', authorName: 'Olga' }],
    ['call', { direction: 'inbound', phone: '+79000000001', duration: 0, status: 6, leadId: LEAD }],
    ['task', { leadId: LEAD, text: task, responsibleUserId: BORIS }],
  ] as const) {
    const res = await request.post(`${demo.origin}/_emulator/simulate/${path}`, { data });
    expect(res.ok()).toBe(true);
  }

  // without a reload
  await expect(drawer.getByTestId('timeline-item').filter({ hasText: text })).toBeVisible({
    timeout: 30_000,
  });
  // (other tests call this demo lead too: look at this test's call only — the newest one)
  const call = drawer.locator('[data-testid="timeline-item"][data-kind="call"]').first();
  await expect(call).toContainText('Missed call');
  await expect(call).toContainText('Callback task created in Kommo', { timeout: 30_000 });
  await expect(drawer.getByTestId('timeline-item').filter({ hasText: task })).toBeVisible();
  await page.keyboard.press('Escape');

  // the task was assigned to Boris: the bell shows it
  const bell = page.getByTestId('notifications-bell');
  await expect(bell).toHaveAccessibleName(/unread/, { timeout: 30_000 });
  await bell.click();
  const item = page.getByTestId('notification-item').filter({ hasText: task });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`lead=${LEAD}`));
  await expect(
    page.getByRole('dialog').getByRole('heading', { name: 'Conversation' }),
  ).toBeVisible();
});
