import { describe, expect, it } from 'vitest';
import { integrationName } from './integration-name';

describe('integrationName', () => {
  it('is the Kommo account name, else the account address', () => {
    expect(integrationName({ accountName: 'Acme Sales', host: 'acme.kommo.com' })).toBe(
      'Acme Sales',
    );
    expect(integrationName({ accountName: null, host: 'acme.kommo.com' })).toBe('acme.kommo.com');
    expect(integrationName({ accountName: '  ', host: 'acme.kommo.com' })).toBe('acme.kommo.com');
  });
});
