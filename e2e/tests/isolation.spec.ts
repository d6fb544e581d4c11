import { expect, test } from '@playwright/test';
import { createAgent, newAccount, signUp, unique } from './helpers';

test("a second organisation can neither see nor change the first one's agent, in the UI or the API", async ({
  browser,
}) => {
  const alice = await browser.newContext();
  const a = await alice.newPage();
  await signUp(a, newAccount('alice'));
  const name = unique('Secret');
  const id = await createAgent(a, { name });

  const mallory = await browser.newContext();
  const m = await mallory.newPage();
  await signUp(m, newAccount('mallory'));

  // UI: not in the list, and the direct URL shows "not found"
  await expect(m.getByTestId('agent-row').filter({ hasText: name })).toHaveCount(0);
  await m.goto(`/agents/${id}`);
  await expect(m.getByText(/not found/i).first()).toBeVisible();
  await expect(m.getByLabel('Name', { exact: true })).toHaveCount(0);

  // API, with Mallory's session cookie: NOT_FOUND for read, update and delete
  const get = await m.request.get(
    `/trpc/agents.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`,
  );
  expect(get.status()).toBe(404);
  const update = await m.request.post('/trpc/agents.update', {
    data: { json: { id, data: { name: 'pwned' } } },
  });
  expect(update.status()).toBe(404);
  const del = await m.request.post('/trpc/agents.delete', { data: { json: { id } } });
  expect(del.status()).toBe(404);

  // A cross-site form post riding Alice's cookie is refused outright (CSRF)
  const forged = await a.request.post('/trpc/agents.delete', {
    data: { json: { id } },
    headers: { origin: 'https://evil.example' },
  });
  expect(forged.status()).toBe(403);

  // Alice still has her agent, unchanged
  await a.reload();
  await expect(a.getByTestId('agent-row').filter({ hasText: name })).toBeVisible();
  await alice.close();
  await mallory.close();
});
