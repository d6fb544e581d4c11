import { expect, test } from '@playwright/test';
import { createAgent, fillSignUp, newAccount, signUp, unique } from './helpers';

test('an invitation accepted by a second user, who then sees the agent', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signUp(owner, newAccount('owner'));
  const agentName = unique('Shared');
  await createAgent(owner, { name: agentName });

  await owner.goto('/settings/organization');
  await owner.getByRole('button', { name: 'Invite teammate' }).click();
  await owner.getByRole('button', { name: 'Create link' }).click();
  const link = owner.getByTestId('invite-link');
  await expect(link).toHaveValue(/\/invite\/[\w-]{20,}$/);
  const url = await link.inputValue();

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(url);
  await invitee
    .getByRole('link', { name: /sign up/i })
    .first()
    .click();
  await expect(invitee).toHaveURL(/\/sign-up/);
  await fillSignUp(invitee, newAccount('invitee'));
  await expect(invitee).toHaveURL(/\/invite\//);
  await invitee.getByRole('button', { name: 'Join organisation' }).click();
  await expect(invitee).toHaveURL(/\/dashboard$/);
  await invitee.goto('/agents');
  await expect(invitee.getByTestId('agent-row').filter({ hasText: agentName })).toBeVisible();

  // The owner sees the new member; the link cannot be used twice
  await owner.reload();
  await expect(owner.getByTestId('member-row')).toHaveCount(2);
  const third = await (await browser.newContext()).newPage();
  await signUp(third, newAccount('third'));
  await third.goto(url);
  await expect(third.getByRole('button', { name: 'Join organisation' })).toHaveCount(0);

  await ownerContext.close();
  await inviteeContext.close();
});
