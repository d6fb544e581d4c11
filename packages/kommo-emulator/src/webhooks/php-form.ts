/**
 * PHP's form encoding (`http_build_query` / `parse_str`), which Kommo's webhooks use on the wire:
 * `leads[status][0][id]=1` with every value a string. The emulator encodes its webhooks with it
 * and reads PHP-style query strings (`filter[id][]=1`) with the decoder.
 */

export type PhpFormInput =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly PhpFormInput[]
  | { readonly [key: string]: PhpFormInput };

export type PhpFormValue = string | PhpFormObject;
export interface PhpFormObject {
  [key: string]: PhpFormValue;
}

/** PHP's `urlencode`: like encodeURIComponent, but `!'()*~` are escaped and spaces become `+`. */
export function phpUrlencode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Encodes like `http_build_query`: arrays become numeric indexes, `true`/`false` become "1"/"0",
 * and null/undefined are left out (PHP skips nulls).
 */
export function encodePhpForm(data: { readonly [key: string]: PhpFormInput }): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: PhpFormInput) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [key, v] of entries) walk(`${prefix}[${key}]`, v);
      return;
    }
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    pairs.push(`${phpUrlencode(prefix)}=${phpUrlencode(text)}`);
  };
  for (const [key, value] of Object.entries(data)) walk(key, value);
  return pairs.join('&');
}

/** Splits `a[b][][c]` into ['a', 'b', '', 'c']; a key without brackets is one segment. */
export function splitPhpKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/gy;
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key))) segments.push(m[1] ?? '');
  // PHP keeps trailing garbage after the last bracket out of the key; so do we.
  return segments;
}

/** Decodes like PHP's `parse_str`: nested objects, `[]` appends the next integer index. */
export function decodePhpForm(input: string | URLSearchParams): PhpFormObject {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const root: PhpFormObject = {};
  for (const [key, value] of params) {
    const segments = splitPhpKey(key);
    let node: PhpFormObject = root;
    segments.forEach((segment, i) => {
      const name = segment === '' ? String(nextIndex(node)) : segment;
      if (i === segments.length - 1) {
        node[name] = value;
        return;
      }
      const child = node[name];
      if (typeof child === 'object') node = child;
      else node = node[name] = {};
    });
  }
  return root;
}

function nextIndex(node: PhpFormObject): number {
  let next = 0;
  for (const key of Object.keys(node))
    if (/^\d+$/.test(key)) next = Math.max(next, Number(key) + 1);
  return next;
}

/** Every leaf as a bracketed path (`leads[add][0][id]`), for comparing body structures. */
export function leafPaths(value: PhpFormValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value).flatMap(([key, v]) =>
    leafPaths(v, prefix ? `${prefix}[${key}]` : key),
  );
}

/** The values of a decoded PHP list (`{0: …, 1: …}`) in index order. */
export function phpList(value: PhpFormValue | undefined): PhpFormValue[] {
  if (value === undefined || typeof value === 'string') return [];
  return Object.keys(value)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .flatMap((k) => {
      const item = value[k];
      return item === undefined ? [] : [item];
    });
}

/** Narrows arbitrary JSON (composite field values, note params) to something encodable. */
export function toPhpFormInput(value: unknown): PhpFormInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) return value.map(toPhpFormInput);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPhpFormInput(v)]));
  }
  return String(value);
}
