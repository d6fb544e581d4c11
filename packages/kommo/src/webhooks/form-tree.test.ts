import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeWebhookBody, DEFAULT_DECODE_LIMITS, inspectWebhookBody } from './form-tree';
import { WebhookParseError } from './parse-error';
import { parseWebhookBody } from './parse-webhook';

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookParseError);
    return (error as WebhookParseError).reason;
  }
  throw new Error('expected a WebhookParseError');
}

/**
 * Only a WebhookParseError may escape the parser; anything else is a bug. The receiver's light
 * inspection must refuse exactly the same bodies, for the same reason, and read the same account.
 */
function parsesOrRejects(body: Uint8Array | string, contentType?: string) {
  const outcome = (fn: () => unknown) => {
    try {
      return { ok: fn() };
    } catch (error) {
      if (error instanceof WebhookParseError) return { reason: error.reason };
      throw error;
    }
  };
  const decoded = outcome(() => {
    const account = decodeWebhookBody(body, { contentType }).tree.account;
    if (typeof account !== 'object') return {};
    return Object.fromEntries(
      ['id', 'subdomain'].flatMap((k) => (typeof account[k] === 'string' ? [[k, account[k]]] : [])),
    );
  });
  const inspected = outcome(() => inspectWebhookBody(body, { contentType }).account);
  expect(inspected).toEqual(decoded);
  try {
    const parsed = parseWebhookBody(body, { contentType });
    expect(Array.isArray(parsed.events)).toBe(true);
    return 'parsed';
  } catch (error) {
    if (error instanceof WebhookParseError) return 'rejected';
    throw error;
  }
}

describe('decoding PHP form bodies', () => {
  it('nests bracketed keys, appends with [], later keys win, + is a space', () => {
    const { tree } = decodeWebhookBody('a[b][]=1&a[b][]=2&a[c]=x+y&a[c]=z%20w&d');
    expect(tree).toEqual({ a: { b: { 0: '1', 1: '2' }, c: 'z w' }, d: '' });
  });

  it('decodes escaped brackets in any case, and everything else escaped in keys', () => {
    const { tree } = decodeWebhookBody(
      'a%5Bb%5d%5B0%5D=1&c%5B%D0%AF%5D=2&d%255B=3&e%5B%2B%5D=4&f[x%20y]=5',
    );
    expect(tree).toEqual({
      a: { b: { 0: '1' } },
      c: { Я: '2' },
      'd%5B': '3',
      e: { '+': '4' },
      f: { 'x y': '5' },
    });
  });

  it('[] after explicit indexes continues from the highest one', () => {
    expect(decodeWebhookBody('a[5]=x&a[]=y').tree).toEqual({ a: { 5: 'x', 6: 'y' } });
  });

  it('a million appends stay linear (no rescans of the list)', () => {
    const body = 'a[]=1&'.repeat(49_000);
    const started = performance.now();
    const { tree } = decodeWebhookBody(body);
    expect(Object.keys(tree.a as object)).toHaveLength(49_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses bad percent escapes and invalid UTF-8 with a reason', () => {
    expect(reason(() => decodeWebhookBody('a=%zz'))).toMatch(/Bad percent escape "%zz"/);
    expect(reason(() => decodeWebhookBody('a=%4'))).toMatch(/Bad percent escape/);
    expect(reason(() => decodeWebhookBody('a%5=1'))).toMatch(/Bad percent escape .* in key/);
    expect(reason(() => decodeWebhookBody('a=%FF%FE'))).toMatch(/not valid UTF-8/);
    expect(reason(() => decodeWebhookBody(Buffer.from([0x61, 0x3d, 0xc3, 0x28])))).toMatch(
      /body is not valid UTF-8/,
    );
  });

  it('accepts any valid UTF-8, raw or escaped', () => {
    const text = 'Привет, 世界 🌍';
    expect(decodeWebhookBody(Buffer.from(`a=${text}`)).tree).toEqual({ a: text });
    expect(decodeWebhookBody(`a=${encodeURIComponent(text)}`).tree).toEqual({ a: text });
  });

  it('stops nesting bombs, key floods and huge keys', () => {
    const deep = `a${'[x]'.repeat(DEFAULT_DECODE_LIMITS.maxDepth)}=1`;
    expect(reason(() => decodeWebhookBody(deep))).toMatch(/nested deeper than 16 levels/);
    expect(reason(() => decodeWebhookBody('a=1&'.repeat(50_001)))).toMatch(/More than 50000 keys/);
    expect(reason(() => decodeWebhookBody(`${'k'.repeat(1_001)}=1`))).toMatch(/longer than 1000/);
    const jsonDeep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    expect(reason(() => decodeWebhookBody(jsonDeep))).toMatch(/JSON body is nested deeper/);
    expect(parsesOrRejects(`${'['.repeat(200_000)}=1`)).toBe('rejected');
    // Unclosed brackets within the length limit are one plain name, as in PHP.
    expect(decodeWebhookBody(`a${'['.repeat(900)}=1`).tree).toEqual({
      [`a${'['.repeat(900)}`]: '1',
    });
  });

  it('decoded keys are reused across bodies without changing any outcome', () => {
    const key = 'leads%5Bstatus%5D%5B0%5D%5Bid%5D';
    // decoded once, then from the cache: same tree, and a bad value is still named by its key
    for (let i = 0; i < 3; i++) {
      expect(decodeWebhookBody(`${key}=${i}`).tree).toEqual({
        leads: { status: { 0: { id: `${i}` } } },
      });
      expect(reason(() => decodeWebhookBody(`${key}=%zz`))).toMatch(
        /Bad percent escape "%zz" in the value of "leads\[status\]\[0\]\[id\]"/,
      );
    }
    // a key cached under the default limits is still checked against other limits
    const limits = { ...DEFAULT_DECODE_LIMITS, maxDepth: 3 };
    expect(reason(() => decodeWebhookBody(`${key}=1`, { limits }))).toMatch(/deeper than 3/);
    expect(reason(() => inspectWebhookBody(`${key}=1`, { limits }))).toMatch(/deeper than 3/);
    // a dropped key stays dropped, and its value is still checked
    expect(decodeWebhookBody('a[__proto__]=1&a[__proto__]=2').dropped).toEqual([
      'a[__proto__]',
      'a[__proto__]',
    ]);
    expect(reason(() => decodeWebhookBody('a[__proto__]=%zz'))).toMatch(/Bad percent escape/);
    // more distinct keys than the cache holds (it empties itself): every pair still decodes
    const many = Array.from({ length: 10_000 }, (_, i) => `k${i}%5B${i % 7}%5D=${i}`).join('&');
    const tree = decodeWebhookBody(many).tree as Record<string, Record<string, string>>;
    expect(Object.keys(tree)).toHaveLength(10_000);
    expect(tree.k9999).toEqual({ [`${9999 % 7}`]: '9999' });
    expect(decodeWebhookBody(many).tree).toEqual(tree);
  });

  it('never lets a key reach Object.prototype', () => {
    const before = Object.keys(Object.prototype);
    const { tree, dropped } = decodeWebhookBody(
      '__proto__[polluted]=1&a[__proto__][x]=1&constructor[prototype][y]=1&a[ok]=1',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual(before);
    expect(tree).toEqual({ a: { ok: '1' } });
    expect(dropped).toEqual([
      '__proto__[polluted]',
      'a[__proto__][x]',
      'constructor[prototype][y]',
    ]);
    const json = decodeWebhookBody('{"__proto__":{"polluted":1},"a":{"constructor":1,"b":"2"}}');
    expect(json.tree).toEqual({ a: { b: '2' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const parsed = parseWebhookBody('__proto__[x]=1&leads[add][0][id]=1');
    expect(parsed.unhandled).toEqual([
      { path: '__proto__[x]', reason: 'key not allowed (left out)' },
    ]);
  });

  it('JSON: arrays become indexes, numbers and booleans strings, nulls left out', () => {
    const { tree, format } = decodeWebhookBody('{"a":[{"b":1,"c":true,"d":null}]}');
    expect(format).toBe('json');
    expect(tree).toEqual({ a: { 0: { b: '1', c: '1' } } });
    expect(reason(() => decodeWebhookBody('[1,2]', { contentType: 'application/json' }))).toMatch(
      /must be an object/,
    );
    expect(reason(() => decodeWebhookBody('{"a":', { contentType: 'application/json' }))).toMatch(
      /does not parse/,
    );
  });
});

describe('fuzz: only typed errors or unhandled fragments, never another throw', () => {
  // mulberry32: deterministic, so a failure reproduces.
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
  const families = [
    'leads',
    'contacts',
    'task',
    'message',
    'talk',
    'unsorted',
    'customers',
    'account',
    'x',
  ];
  const actions = ['add', 'update', 'delete', 'status', 'note', 'responsible', 'restore', '', '0'];
  const fields = [
    'id',
    'name',
    'type',
    'custom_fields',
    'tags',
    'values',
    'note',
    'talk_id',
    'uid',
    'result',
    '0',
    '',
  ];
  const values = [
    '1',
    '',
    'abc',
    '%41',
    '-5',
    '1.5',
    '99999999999999999999',
    'company',
    'Я',
    '%E2%82%AC',
  ];

  it('random bytes', () => {
    const outcomes = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = randomBytes(rand(300));
      outcomes.add(parsesOrRejects(bytes));
      outcomes.add(parsesOrRejects(bytes, 'application/json'));
    }
    expect(outcomes).toContain('rejected');
  });

  it('random PHP keys and values of the wrong shapes', () => {
    let events = 0;
    for (let i = 0; i < 3_000; i++) {
      const pairs = Array.from({ length: 1 + rand(12) }, () => {
        // Mostly shaped like Kommo's keys (family[action][index][field]…), sometimes anything.
        const segments = rand(4)
          ? [
              pick(families),
              pick(actions),
              String(rand(3)),
              ...Array.from({ length: rand(4) }, () => pick(fields)),
            ]
          : [
              pick(families),
              ...Array.from({ length: rand(8) }, () => pick([...actions, ...fields])),
            ];
        const key = segments.map((s, j) => (j === 0 ? s : `[${s}]`)).join('');
        return `${encodeURI(key)}=${pick(values)}`;
      });
      const body = pairs.join('&');
      const parsed = parseWebhookBody(body);
      events += parsed.events.length;
      for (const u of parsed.unhandled) expect(typeof u.reason).toBe('string');
    }
    expect(events).toBeGreaterThan(0);
  });

  it('random JSON of the wrong types', () => {
    const leaf = () => pick<unknown>([1, 'x', null, true, [], {}, [1, 2], { id: 'a' }, -1.5]);
    const node = (d: number): unknown =>
      d === 0
        ? leaf()
        : Object.fromEntries(
            Array.from({ length: 1 + rand(3) }, () => [
              pick([...families, ...actions, ...fields]),
              rand(3) ? node(d - 1) : leaf(),
            ]),
          );
    for (let i = 0; i < 2_000; i++) {
      expect(parsesOrRejects(JSON.stringify(node(1 + rand(7))), 'application/json')).toMatch(
        /parsed|rejected/,
      );
    }
  });

  it('huge arrays and sparse indexes', () => {
    expect(parsesOrRejects(`leads[add][999999999999][id]=1&leads[add][0][id]=2`)).toBe('parsed');
    const many = Array.from({ length: 20_000 }, (_, i) => `leads[update][${i}][id]=${i}`).join('&');
    expect(parseWebhookBody(many).events).toHaveLength(20_000);
  });
});
