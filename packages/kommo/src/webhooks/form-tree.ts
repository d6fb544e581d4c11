import { WebhookParseError } from './parse-error';

/**
 * A decoded webhook body: PHP's `parse_str` shape, every leaf a string. Objects have no prototype,
 * so no key (not even `__proto__`) can reach `Object.prototype`; lists are objects keyed
 * "0", "1", … as PHP makes them.
 */
export type FormValue = string | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export interface DecodeLimits {
  /** Key/value pairs (form) or values (JSON) in one body. */
  maxKeys: number;
  /** Segments in one key: `leads[add][0][id]` has 4. */
  maxDepth: number;
  /** Characters in one decoded key. */
  maxKeyLength: number;
}

/**
 * Real bodies nest up to 11 segments (`unsorted[add][0][data][leads][0][custom_fields][0][values][0]
 * [value]`) and a 250-lead batch with custom fields has ~30,000 keys; the limits leave room for both
 * and stop bombs (deep brackets, millions of tiny keys) before they cost memory or CPU.
 */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxKeys: 50_000,
  maxDepth: 16,
  maxKeyLength: 1_000,
};

export interface DecodedBody {
  tree: FormObject;
  format: 'form' | 'json';
  /** Keys left out: prototype-polluting names and keys without a name (`[a]=1`). */
  dropped: string[];
}

/** Names that would mean something to a plain JS object; a webhook never needs them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const newFormObject = (): FormObject => Object.create(null) as FormObject;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Text(raw: Uint8Array): string {
  try {
    return utf8.decode(raw);
  } catch {
    throw new WebhookParseError('The body is not valid UTF-8.');
  }
}

/** JSON when the content type says so or the body starts with `{`; otherwise PHP form encoding. */
const isJson = (text: string, contentType: string | null | undefined) =>
  /\bjson\b/i.test(contentType ?? '') || /^\s*\{/.test(text.slice(0, 64));

/** `what` names the part in an error message (built only then). */
function decodeComponent(raw: string, what: () => string): string {
  const plus = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!plus.includes('%')) return plus;
  // The native decoder is the fast path (most keys escape only their brackets:
  // leads%5Bupdate%5D%5B0%5D%5Bid%5D); only a body it refuses is looked at again, to say why.
  try {
    return decodeURIComponent(plus);
  } catch {
    const bad = /%(?![0-9A-Fa-f]{2})/.exec(plus);
    if (bad) {
      throw new WebhookParseError(
        `Bad percent escape "${plus.slice(bad.index, bad.index + 3)}" in ${what()}.`,
      );
    }
    throw new WebhookParseError(`Percent escapes in ${what()} are not valid UTF-8.`);
  }
}

/**
 * Splits `a[b][][c]` into ['a', 'b', '', 'c'] like PHP: the name before the first `[`, then each
 * bracket group; text after the last `]` is ignored. A `[` without its `]` is part of the name.
 */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  let close = key.indexOf(']', open);
  if (close < 0) return [key];
  const segments = [key.slice(0, open)];
  segments.push(key.slice(open + 1, close));
  // Further groups must follow directly: `a[b]x[c]` stops after [b], as PHP does.
  while (key.charCodeAt(close + 1) === 0x5b /* [ */) {
    const next = key.indexOf(']', close + 2);
    if (next < 0) break;
    segments.push(key.slice(close + 2, next));
    close = next;
  }
  return segments;
}

function shortKey(key: string) {
  return key.length > 80 ? `${key.slice(0, 77)}…` : key;
}

/** A raw (still encoded) key, decoded and checked: what walkForm hands on for every pair using it. */
interface KeyInfo {
  segments: string[];
  /** Per segment: its value when it is a list index (`0`, `12`), else -1. */
  indexes: number[];
  /** Set when the key must not be used (a prototype name, no name): the key as reported. */
  dropped: string | null;
}

/**
 * Decoded keys by their raw form. Webhook bodies repeat the same few hundred keys
 * (`leads%5Bstatus%5D%5B0%5D%5Bid%5D`), and decoding, splitting and checking a key cost more than
 * its value; cached only for the default limits, and emptied when full (bodies of made-up keys).
 */
const keyCache = new Map<string, KeyInfo>();
const KEY_CACHE_MAX = 4_096;

function keyInfo(rawKey: string, limits: DecodeLimits): KeyInfo {
  const cacheable = limits === DEFAULT_DECODE_LIMITS;
  const cached = cacheable ? keyCache.get(rawKey) : undefined;
  if (cached) return cached;
  if (rawKey.length > limits.maxKeyLength * 3) {
    throw new WebhookParseError(`A key is longer than ${limits.maxKeyLength} characters.`);
  }
  const key = decodeComponent(rawKey, () => `key "${shortKey(rawKey)}"`);
  if (key.length > limits.maxKeyLength) {
    throw new WebhookParseError(`A key is longer than ${limits.maxKeyLength} characters.`);
  }
  const segments = splitKey(key);
  if (segments.length > limits.maxDepth) {
    throw new WebhookParseError(
      `Key "${shortKey(key)}" is nested deeper than ${limits.maxDepth} levels.`,
    );
  }
  const info: KeyInfo = {
    segments,
    indexes: segments.map((seg) => (/^\d+$/.test(seg) ? Number(seg) : -1)),
    dropped:
      segments[0] === '' || segments.some((seg) => FORBIDDEN_KEYS.has(seg)) ? shortKey(key) : null,
  };
  if (cacheable) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(rawKey, info);
  }
  return info;
}

/**
 * Walks the pairs of a PHP-style form body, decoding and checking each (escapes, UTF-8, limits),
 * and hands the key (decoded and split) and the value to `visit`. Keys that must not be used (a
 * prototype name, no name) are passed as `dropped`.
 */
function walkForm(
  body: string,
  limits: DecodeLimits,
  visit: (key: KeyInfo, value: string) => void,
  dropped: (key: string) => void,
) {
  let count = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = body.length;
    const pair = body.slice(start, end);
    start = end + 1;
    if (pair === '') continue;
    if (++count > limits.maxKeys) {
      throw new WebhookParseError(`More than ${limits.maxKeys} keys in one body.`);
    }
    const eq = pair.indexOf('=');
    const info = keyInfo(eq < 0 ? pair : pair.slice(0, eq), limits);
    // The value is decoded (and checked) even for a dropped key, as before the key was cached.
    const value =
      eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), () => `the value of "${valueName(info)}"`);
    if (info.dropped !== null) {
      dropped(info.dropped);
      continue;
    }
    visit(info, value);
  }
}

const valueName = (info: KeyInfo) =>
  info.dropped ??
  shortKey(
    info.segments[0]! +
      info.segments
        .slice(1)
        .map((s) => `[${s}]`)
        .join(''),
  );

/**
 * Decodes `application/x-www-form-urlencoded` with PHP-style nested keys (`leads[status][0][id]=1`)
 * as PHP's `parse_str` does: later keys overwrite earlier ones, `[]` appends the next index.
 * Throws WebhookParseError on malformed escapes, invalid UTF-8 or a limit exceeded.
 */
export function decodeForm(body: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS) {
  const root = newFormObject();
  const dropped: string[] = [];
  // The next index for `[]` per list: scanning the keys each time would make a body of a
  // million `a[]=` pairs quadratic.
  const nextIndex = new WeakMap<FormObject, number>();
  walkForm(
    body,
    limits,
    ({ segments, indexes }, value) => {
      let node = root;
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i]!;
        let name = segment;
        const n = indexes[i]!;
        if (segment === '') {
          const next = nextIndex.get(node) ?? highestIndex(node) + 1;
          name = String(next);
          nextIndex.set(node, next + 1);
        } else if (n >= 0) {
          if (n >= (nextIndex.get(node) ?? 0)) nextIndex.set(node, n + 1);
        }
        if (i === segments.length - 1) {
          node[name] = value;
          break;
        }
        const child = node[name];
        if (typeof child === 'object') node = child;
        else node = node[name] = newFormObject();
      }
    },
    (key) => dropped.push(key),
  );
  return { tree: root, dropped };
}

/** Only for a list first appended to after explicit indexes were set on it by JSON (rare). */
function highestIndex(node: FormObject): number {
  let max = -1;
  for (const k in node) if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
  return max;
}

/**
 * Decodes a JSON body into the same shape as a form body: arrays become index-keyed objects,
 * numbers and booleans strings ("1"/"0"), nulls are left out. Kommo's docs print webhooks as
 * JSON; tolerating it costs nothing.
 */
export function decodeJson(body: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new WebhookParseError(`The JSON body does not parse: ${detail}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WebhookParseError('A JSON webhook body must be an object.');
  }
  const dropped: string[] = [];
  let count = 0;
  const convert = (value: object, depth: number, path: string): FormObject => {
    if (depth > limits.maxDepth) {
      throw new WebhookParseError(`The JSON body is nested deeper than ${limits.maxDepth} levels.`);
    }
    const out = newFormObject();
    const entries = Array.isArray(value)
      ? value.map((v: unknown, i) => [String(i), v] as const)
      : Object.entries(value);
    for (const [key, v] of entries) {
      if (++count > limits.maxKeys) {
        throw new WebhookParseError(`More than ${limits.maxKeys} values in one body.`);
      }
      if (key.length > limits.maxKeyLength) {
        throw new WebhookParseError(`A key is longer than ${limits.maxKeyLength} characters.`);
      }
      const at = path ? `${path}[${key}]` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        dropped.push(shortKey(at));
        continue;
      }
      if (v === null || v === undefined) continue;
      if (typeof v === 'object') out[key] = convert(v, depth + 1, at);
      else if (typeof v === 'boolean') out[key] = v ? '1' : '0';
      else out[key] = String(v);
    }
    return out;
  };
  return { tree: convert(parsed, 1, ''), dropped };
}

/**
 * A raw body as received: bytes must be UTF-8; JSON when the content type says so or the body
 * starts with `{`, else PHP form encoding. Throws WebhookParseError when malformed.
 */
export function decodeWebhookBody(
  raw: Uint8Array | string,
  options: { contentType?: string | null; limits?: DecodeLimits } = {},
): DecodedBody {
  const limits = options.limits ?? DEFAULT_DECODE_LIMITS;
  const text = typeof raw === 'string' ? raw : utf8Text(raw);
  if (isJson(text, options.contentType)) return { ...decodeJson(text, limits), format: 'json' };
  // A form body is ASCII; line breaks around it are tolerated (some clients add one).
  return { ...decodeForm(text.trim(), limits), format: 'form' };
}

/** What the receiver needs from a body before storing it: that it decodes, and its account. */
export interface InspectedBody {
  format: 'form' | 'json';
  /** `account[id]` and `account[subdomain]` as sent (the last one wins, as in PHP). */
  account: { id?: string; subdomain?: string };
}

/**
 * The same checks as decodeWebhookBody (it throws WebhookParseError for exactly the same bodies)
 * without building the tree: the receiver runs this for every request, the worker decodes.
 */
export function inspectWebhookBody(
  raw: Uint8Array | string,
  options: { contentType?: string | null; limits?: DecodeLimits } = {},
): InspectedBody {
  const limits = options.limits ?? DEFAULT_DECODE_LIMITS;
  const text = typeof raw === 'string' ? raw : utf8Text(raw);
  if (isJson(text, options.contentType)) {
    const { tree } = decodeJson(text, limits);
    const block = tree.account;
    const pick = (key: string) =>
      typeof block === 'object' && typeof block[key] === 'string' ? block[key] : undefined;
    return {
      format: 'json',
      account: dropUndefined({ id: pick('id'), subdomain: pick('subdomain') }),
    };
  }
  const account: InspectedBody['account'] = {};
  walkForm(
    text.trim(),
    limits,
    ({ segments }, value) => {
      if (segments.length === 2 && segments[0] === 'account') {
        if (segments[1] === 'id') account.id = value;
        else if (segments[1] === 'subdomain') account.subdomain = value;
      } else if (
        segments[0] === 'account' &&
        (segments[1] === 'id' || segments[1] === 'subdomain')
      ) {
        // account[id][x]=…: no longer a value (PHP turns it into an array)
        delete account[segments[1]];
      }
    },
    () => {},
  );
  return { format: 'form', account };
}

const dropUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The values of a decoded PHP list (`{0: …, 1: …}`) in index order, with their keys. */
export function listEntries(value: FormObject): { index: string; item: FormValue }[] {
  return Object.keys(value)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((index) => ({ index, item: value[index]! }));
}
