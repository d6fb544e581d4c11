import type { Integration } from '../../trpc/app-router';

/** How an integration is called on screen: the Kommo account's name, else its address. */
export function integrationName(integration: Pick<Integration, 'accountName' | 'host'>): string {
  return integration.accountName?.trim() || integration.host;
}
