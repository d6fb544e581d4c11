import { expect, test, type Page } from '@playwright/test';
import { createAgent, newAccount, signUp, unique } from './helpers';

/** Creates an agent through the API with the page's session (fast set-up for many entries). */
async function createAgentViaApi(page: Page, name: string): Promise<string> {
  const res = await page.request.post('/trpc/agents.create', {
    data: { json: { name } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
}

const rows = (page: Page) => page.getByTestId('activity-row');

test('the dashboard fills live as agents are created, stays private, and opens what an entry is about', async ({
  page,
  context,
  browser,
}) => {
  await signUp(page, newAccount('dash'));
  await expect(page.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByText('Nothing has happened yet')).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveText('Live');

  // another tab of the same user creates an agent: this one shows it without a reload
  const other = await context.newPage();
  const name = unique('Qualifier');
  const id = await createAgent(other, { name });
  const row = rows(page).filter({ hasText: `Agent “${name}” created` });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Test dash');
  // the numbers and the chart follow
  await expect(page.getByTestId('activity-chart')).toBeVisible();

  // another organisation sees none of it
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signUp(stranger, newAccount('stranger'));
  await expect(stranger.getByText('Nothing has happened yet')).toBeVisible();
  await expect(stranger.getByText(name)).toHaveCount(0);
  await strangerContext.close();

  // after a reload it is still there (read from the table), and it opens the agent
  await page.reload();
  await rows(page).filter({ hasText: name }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${id}$`));
});

test('filters by type, agent, search and date, kept in the URL', async ({ page }) => {
  await signUp(page, newAccount('filters'));
  const alpha = unique('Alpha');
  const beta = unique('Beta');
  const alphaId = await createAgentViaApi(page, alpha);
  await createAgentViaApi(page, beta);
  const res = await page.request.post('/trpc/agents.update', {
    data: { json: { id: alphaId, data: { status: 'active' } } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(200);
  await page.reload();
  await expect(rows(page)).toHaveCount(3);

  await page.getByRole('combobox', { name: 'Types' }).click();
  await page.getByRole('option', { name: 'Agent changed' }).click();
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`Agent “${alpha}” changed: Status`);
  await expect(page).toHaveURL(/types=agent.updated/);
  await page.reload();
  await expect(rows(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search' }).fill(beta);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(beta);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('combobox', { name: 'Agent' }).click();
  await page.getByRole('option', { name: alpha }).click();
  await expect(rows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('To').fill('2020-01-01');
  await expect(page.getByText('No updates match these filters')).toBeVisible();
});

test('while scrolled down, new entries wait behind an "N new" pill', async ({ page }) => {
  await signUp(page, newAccount('pill'));
  for (let i = 0; i < 25; i++) await createAgentViaApi(page, unique(`Bulk ${i}`));
  await page.reload();
  await expect(rows(page)).toHaveCount(25);
  await rows(page).last().scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);

  const late = unique('Late');
  await createAgentViaApi(page, late);
  const pill = page.getByTestId('new-updates-pill');
  await expect(pill).toHaveText('1 new update');
  await expect(rows(page).filter({ hasText: late })).toHaveCount(0);
  await pill.click();
  await expect(rows(page).first()).toContainText(late);
  await expect(pill).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(120);
});

test('titles, cards and navigation follow the interface language', async ({ page }) => {
  await signUp(page, newAccount('lang'));
  const name = unique('Bot');
  await createAgentViaApi(page, name);
  await page.reload();
  await expect(rows(page).first()).toContainText(`Agent “${name}” created`);

  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: 'Русский' }).click();
  await expect(rows(page).first()).toContainText(`Создан агент «${name}»`);
  await expect(page.getByRole('link', { name: 'Обзор' })).toBeVisible();
  await expect(page.getByText('Отправлено ответов')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Последние события' })).toBeVisible();
});
