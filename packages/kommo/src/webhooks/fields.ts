import { z } from 'zod';
import type {
  WebhookCustomField,
  WebhookEntityType,
  WebhookTag,
  UnhandledFragment,
} from './events';
import { listEntries, type FormObject, type FormValue } from './form-tree';

/**
 * Zod building blocks for webhook items. Every value on the wire is a string; an empty string
 * means "no value". Item schemas are loose (unknown keys pass) so new Kommo fields never break us.
 */

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const intString = z
  .string()
  .regex(/^-?\d{1,15}$/, 'expected an integer')
  .transform(Number);
export const optInt = z.preprocess(blankToUndefined, intString.optional());
/** Prices may carry decimals ("1500.50"). */
export const optNumber = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^-?\d{1,15}(\.\d+)?$/, 'expected a number')
    .transform(Number)
    .optional(),
);
export const optString = z.preprocess(blankToUndefined, z.string().optional());
export const requiredString = z.string().min(1, 'expected a value');
/** "1"/"0" (also "true"/"false", "Y"/"N"). */
export const optBool = z.preprocess(
  blankToUndefined,
  z
    .enum(['1', '0', 'true', 'false', 'Y', 'N'], 'expected 1 or 0')
    .transform((v) => v === '1' || v === 'true' || v === 'Y')
    .optional(),
);
/** A nested group (`result[id]`, `author[name]`); a bare string there is a wrong type. */
export const optGroup = z
  .custom<FormObject>((v) => typeof v === 'object' && v !== null, {
    message: 'expected a group of fields',
  })
  .optional();
export const anyValue = z
  .custom<FormValue>((v) => typeof v === 'string' || (typeof v === 'object' && v !== null))
  .optional();

/**
 * Parses one item. An optional field with a wrong type is reported and left out (the rest of the
 * item still counts); a bad required field makes the whole item unhandled (returns null).
 */
export function parseItem<S extends z.ZodObject>(
  schema: S,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): z.output<S> | null {
  if (typeof item !== 'object') {
    unhandled.push({ path, reason: 'expected a group of fields, got a single value' });
    return null;
  }
  let result = schema.safeParse(item);
  if (result.success) return result.data;
  const required = new Set(
    Object.entries(schema.shape)
      .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
      .map(([key]) => key),
  );
  const badKeys = new Set(result.error.issues.map((i) => String(i.path[0] ?? '')));
  const fatal = result.error.issues.find((i) => required.has(String(i.path[0] ?? '')));
  if (fatal || badKeys.has('')) {
    const issue = fatal ?? result.error.issues[0]!;
    unhandled.push({ path, reason: describeIssue(issue) });
    return null;
  }
  const copy: Record<string, FormValue> = { ...item };
  for (const key of badKeys) delete copy[key];
  for (const issue of result.error.issues) {
    unhandled.push({
      path: `${path}${issue.path.map((p) => `[${String(p)}]`).join('')}`,
      reason: `${issue.message.replace(/^Invalid input: /, '')} (left out)`,
    });
  }
  result = schema.safeParse(copy);
  if (result.success) return result.data;
  unhandled.push({ path, reason: describeIssue(result.error.issues[0]!) });
  return null;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message.replace(/^Invalid input: /, '')}`;
}

/** `tags[j][id|name]` (or `tags[j]=name`). */
export function readTags(value: FormValue | undefined): WebhookTag[] {
  if (typeof value !== 'object') return [];
  return listEntries(value).flatMap(({ item }) => {
    if (typeof item === 'string') return item ? [{ name: item }] : [];
    const id = optInt.safeParse(item.id);
    const name = typeof item.name === 'string' && item.name ? item.name : undefined;
    const tag: WebhookTag = {};
    if (id.success && id.data !== undefined) tag.id = id.data;
    if (name !== undefined) tag.name = name;
    return tag.id === undefined && tag.name === undefined ? [] : [tag];
  });
}

/**
 * `custom_fields[j][id|name|code|values[k][value|enum]]`. Dates arrive as a bare
 * `values[k]=<unix>`; a field may arrive with no values at all.
 */
export function readCustomFields(
  value: FormValue | undefined,
  path: string,
  unhandled: UnhandledFragment[],
): WebhookCustomField[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'object') {
    unhandled.push({ path, reason: 'expected a list of fields (left out)' });
    return [];
  }
  return listEntries(value).flatMap(({ index, item }) => {
    const at = `${path}[${index}]`;
    if (typeof item !== 'object') {
      unhandled.push({ path: at, reason: 'expected a field, got a single value (left out)' });
      return [];
    }
    const id = intString.safeParse(item.id);
    if (!id.success) {
      unhandled.push({ path: `${at}[id]`, reason: 'expected an integer (field left out)' });
      return [];
    }
    const field: WebhookCustomField = { id: id.data, values: [] };
    if (typeof item.name === 'string' && item.name) field.name = item.name;
    if (typeof item.code === 'string' && item.code) field.code = item.code;
    const values = item.values;
    if (typeof values === 'object') {
      for (const { item: v } of listEntries(values)) {
        if (typeof v === 'string') {
          field.values.push({ value: v });
          continue;
        }
        const enumId = optInt.safeParse(v.enum ?? v.enum_id);
        field.values.push({
          value: v.value ?? '',
          ...(enumId.success && enumId.data !== undefined ? { enumId: enumId.data } : {}),
        });
      }
    } else if (typeof values === 'string' && values !== '') {
      field.values.push({ value: values });
    }
    return [field];
  });
}

/** Values of the custom field coded PHONE or EMAIL (contacts). */
export function valuesOfCode(fields: WebhookCustomField[], code: string): string[] {
  return fields
    .filter((f) => f.code?.toUpperCase() === code)
    .flatMap((f) => f.values.map((v) => v.value))
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Legacy numeric element types of task and note webhooks. */
export function entityTypeOf(elementType: number | undefined): WebhookEntityType | undefined {
  switch (elementType) {
    case 1:
      return 'contacts';
    case 2:
      return 'leads';
    case 3:
      return 'companies';
    case 12:
      return 'customers';
    default:
      return undefined;
  }
}

/** Copies only the keys whose value is defined (the event types use optional, not undefined). */
export function defined<T extends object>(value: T): T {
  const out = {} as T;
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}
