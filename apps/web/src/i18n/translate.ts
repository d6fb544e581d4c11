import type { en } from './en';

export type Locale = 'en' | 'ru';
export const locales: readonly Locale[] = ['en', 'ru'];

export type MessageKey = keyof typeof en;
/** Every language has exactly the keys of `en.ts` (TypeScript enforces it; a test checks placeholders). */
export type Dictionary = { readonly [K in MessageKey]: string };

type PlaceholderNames<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;
export type ParamsOf<K extends MessageKey> = PlaceholderNames<(typeof en)[K]>;
export type TranslateArgs<K extends MessageKey> = [ParamsOf<K>] extends [never]
  ? []
  : [params: Record<ParamsOf<K>, string | number>];

/** Keys whose message takes no parameters. */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never;
}[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/** Keys that come in CLDR plural forms: `x.one`, `x.few`, `x.many`, `x.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function createTranslator(dictionary: Dictionary): Translate {
  return (key, ...args) => interpolate(dictionary[key], args[0]);
}

/** `count` picks the plural form of the active language; `{count}` is available in the message. */
export function translatePlural(
  dictionary: Dictionary,
  locale: Locale,
  base: PluralKey,
  count: number,
): string {
  const category = new Intl.PluralRules(locale).select(count);
  const form = ['one', 'few', 'many'].includes(category) ? category : 'other';
  const key = `${base}.${form}` as MessageKey;
  return interpolate(dictionary[key] ?? dictionary[`${base}.other` as MessageKey], { count });
}
