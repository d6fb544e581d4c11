import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translate';
import { en } from '../../i18n/en';
import { orderedResources, syncResourceName } from './sync-resource-name';

describe('sync resources', () => {
  it('come in sync order, unknown keys last in the order they came', () => {
    // As Postgres jsonb returns them: shorter keys first.
    const progress = { leads: 1, users: 2, calls: 3, sources: 4, pipelines: 5, lead_fields: 6 };
    expect(orderedResources(progress).map(([key]) => key)).toEqual([
      'pipelines',
      'lead_fields',
      'sources',
      'users',
      'leads',
      'calls',
    ]);
  });

  it('are named in the interface language, or by their key when not known yet', () => {
    const t = createTranslator(en);
    expect(syncResourceName('lead_fields', t)).toBe('Lead fields');
    expect(syncResourceName('calls', t)).toBe('calls');
  });
});
