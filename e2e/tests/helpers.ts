import { expect, type Page } from '@playwright/test';

let n = 0;
/** Data unique to this test run and worker, so tests never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${++n}`;
}

export interface Account {
  email: string;
  password: string;
  name: string;
  orgName: string;
}

export function newAccount(label = 'user'): Account {
  const id = unique(label);
  return {
    email: `${id}@example.com`,
    password: 'a long test password',
    name: `Test ${label}`,
    orgName: `Org ${id}`,
  };
}

export async function fillSignUp(page: Page, account: Account) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Organisation name').fill(account.orgName);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

export async function signUp(page: Page, account = newAccount()): Promise<Account> {
  await page.goto('/sign-up');
  await fillSignUp(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  return account;
}

export async function signIn(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Creates an agent through the form; returns its id (from the edit page's URL). */
export async function createAgent(
  page: Page,
  fields: { name: string; description?: string; instructions?: string },
) {
  await page.goto('/agents/new');
  await page.getByLabel('Name', { exact: true }).fill(fields.name);
  if (fields.description) await page.getByLabel('Description').fill(fields.description);
  if (fields.instructions) await page.getByLabel('Instructions').fill(fields.instructions);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/agents$/);
  const row = page.getByTestId('agent-row').filter({ hasText: fields.name });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await page.goto('/agents');
  return id;
}
