import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePhpForm, encodePhpForm, leafPaths, phpList, splitPhpKey } from './php-form';

const sample = (name: string) =>
  readFileSync(new URL(`../../fixtures/webhook-samples/${name}`, import.meta.url), 'utf8');

describe('PHP form encoding', () => {
  it('decodes a real Kommo capture into nested string values', () => {
    const body = decodePhpForm(sample('lead_update_02.txt'));
    expect(body).toMatchObject({
      account: {
        subdomain: 'unirock',
        id: '16700680',
        _links: { self: 'https://unirock.amocrm.ru' },
      },
      leads: {
        update: {
          0: {
            id: '30052055',
            name: 'TEST MISHA (SORRY)',
            modified_user_id: '0',
            custom_fields: {
              0: { id: '957901', name: 'test_id', values: { 0: { value: '30052055' } } },
            },
          },
        },
      },
    });
  });

  it('encodes like http_build_query, byte for byte on a real capture', () => {
    const raw = sample('lead_status_01_dp.txt').trim();
    expect(encodePhpForm(decodePhpForm(raw))).toBe(raw);
    const update = sample('lead_update_02.txt').trim();
    expect(encodePhpForm(decodePhpForm(update))).toBe(update);
  });

  it('turns arrays into indexes, booleans into 1/0 and leaves nulls out', () => {
    const body = encodePhpForm({ a: [{ b: true, c: null }, { b: false }], d: 'x y(1)' });
    expect(decodeURIComponent(body)).toBe('a[0][b]=1&a[1][b]=0&d=x+y(1)');
    expect(body).toContain('d=x+y%281%29');
  });

  it('reads PHP-style query strings, including [] appends and UTF-8', () => {
    const q = decodePhpForm(
      'filter[id][]=1&filter[id][]=2&query=%D0%98%D0%B2%D0%B0%D0%BD&with=contacts',
    );
    expect(phpList(q.filter && typeof q.filter === 'object' ? q.filter.id : undefined)).toEqual([
      '1',
      '2',
    ]);
    expect(q.query).toBe('Иван');
    expect(splitPhpKey('leads[status][0][id]')).toEqual(['leads', 'status', '0', 'id']);
    expect(leafPaths(q)).toEqual(['filter[id][0]', 'filter[id][1]', 'query', 'with']);
  });
});
