import { z } from 'zod';
import type { AccountState } from './account-state';
import type { CustomField, EntityType, StoredCustomFieldValues, StoredFieldValue } from './types';
import { issue, type ValidationIssue } from './validation-issue';

/** A write of one field: by `field_id` or `field_code`; `values: null` clears it. */
export const customFieldWriteSchema = z.looseObject({
  field_id: z.number().int().optional(),
  field_code: z.string().optional(),
  values: z
    .array(
      z.looseObject({
        value: z.unknown().optional(),
        enum_id: z.number().int().optional(),
        enum_code: z.string().optional(),
      }),
    )
    .nullable(),
});
export type CustomFieldWrite = z.infer<typeof customFieldWriteSchema>;
type ValueWrite = NonNullable<CustomFieldWrite['values']>[number];

const TEXT_TYPES = new Set([
  'text',
  'textarea',
  'streetaddress',
  'tracking_data',
  'org_legal_name',
]);
const NUMBER_TYPES = new Set(['numeric', 'price', 'monetary']);
const DATE_TYPES = new Set(['date', 'date_time', 'birthday']);
const SINGLE_ENUM_TYPES = new Set(['select', 'radiobutton', 'category']);
const MULTI_VALUE_TYPES = new Set([
  'multiselect',
  'multitext',
  'items',
  'chained_list',
  'linked_entity',
  'file',
]);

/**
 * Validates field writes the way Kommo does (the whole request fails on the first bad value) and
 * returns the normalised values to store. `values: []` or `null` mean "clear the field".
 */
export function parseCustomFieldWrites(
  state: AccountState,
  entityType: EntityType,
  writes: CustomFieldWrite[],
  basePath = 'custom_fields_values',
): { fields: { fieldId: number; values: StoredFieldValue[] }[]; issues: ValidationIssue[] } {
  const fields: { fieldId: number; values: StoredFieldValue[] }[] = [];
  const issues: ValidationIssue[] = [];
  const known = state.fieldsOf(entityType);
  writes.forEach((write, i) => {
    const path = `${basePath}.${i}`;
    const field =
      write.field_id !== undefined
        ? known.find((f) => f.id === write.field_id)
        : write.field_code !== undefined
          ? known.find((f) => f.code === write.field_code)
          : undefined;
    if (write.field_id === undefined && write.field_code === undefined) {
      issues.push(issue.missing(`${path}.field_id`));
      return;
    }
    if (!field) {
      issues.push(
        issue.choice(`${path}.${write.field_id !== undefined ? 'field_id' : 'field_code'}`),
      );
      return;
    }
    const values: StoredFieldValue[] = [];
    (write.values ?? []).forEach((v, j) => {
      const parsed = parseValue(field, v, `${path}.values.${j}`);
      if ('issue' in parsed) issues.push(parsed.issue);
      else values.push(parsed.value);
    });
    // Single-value fields keep the first value, as Kommo's UI and API do.
    if (!MULTI_VALUE_TYPES.has(field.type)) values.splice(1);
    fields.push({ fieldId: field.id, values });
  });
  return { fields, issues };
}

function parseValue(
  field: CustomField,
  v: ValueWrite,
  path: string,
): { value: StoredFieldValue } | { issue: ValidationIssue } {
  const raw = v.value;
  if (TEXT_TYPES.has(field.type) || field.type === 'url') {
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return { issue: issue.type(`${path}.value`, 'string') };
    const text = String(raw);
    if (text.length > 256 && field.type !== 'textarea')
      return { issue: issue.tooLong(`${path}.value`, 256) };
    if (field.type === 'url' && !isUrl(text)) {
      return {
        issue: {
          code: 'InvalidUrl',
          path: `${path}.value`,
          detail: 'This value is not a valid URL.',
        },
      };
    }
    return { value: { value: text } };
  }
  if (NUMBER_TYPES.has(field.type)) {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isFinite(n))
      return { issue: issue.type(`${path}.value`, 'numeric') };
    // Kommo reads numeric field values back as strings; price/monetary as numbers (unsure).
    return { value: { value: field.type === 'numeric' ? String(n) : n } };
  }
  if (field.type === 'checkbox') {
    if (typeof raw === 'boolean') return { value: { value: raw } };
    if (raw === 0 || raw === 1) return { value: { value: raw === 1 } };
    return { issue: issue.type(`${path}.value`, 'bool') };
  }
  if (DATE_TYPES.has(field.type)) {
    const ts = toUnix(raw);
    if (ts === null) return { issue: issue.type(`${path}.value`, 'int') };
    return { value: { value: ts } };
  }
  if (SINGLE_ENUM_TYPES.has(field.type) || field.type === 'multiselect') {
    const found = (field.enums ?? []).find(
      (e) =>
        (v.enum_id !== undefined && e.id === v.enum_id) ||
        (v.enum_id === undefined && v.enum_code !== undefined && e.code === v.enum_code) ||
        (v.enum_id === undefined && v.enum_code === undefined && e.value === raw),
    );
    if (!found)
      return { issue: issue.choice(`${path}.${v.enum_id !== undefined ? 'enum_id' : 'value'}`) };
    return { value: { value: found.value, enumId: found.id } };
  }
  if (field.type === 'multitext') {
    if (typeof raw !== 'string' || raw === '')
      return { issue: issue.type(`${path}.value`, 'string') };
    const enums = field.enums ?? [];
    const found =
      v.enum_id !== undefined
        ? enums.find((e) => e.id === v.enum_id)
        : enums.find((e) => e.code === (v.enum_code ?? 'WORK'));
    if (!found)
      return {
        issue: issue.choice(`${path}.${v.enum_id !== undefined ? 'enum_id' : 'enum_code'}`),
      };
    return { value: { value: raw, enumId: found.id, enumCode: found.code ?? found.value } };
  }
  // Composite types (legal_entity, smart_address, items …): stored as sent, not interpreted.
  if (raw === undefined || raw === null) return { issue: issue.missing(`${path}.value`) };
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
    return { value: { value: raw } };
  }
  const composite = z.record(z.string(), z.unknown()).safeParse(raw);
  if (composite.success) return { value: { value: composite.data } };
  return { issue: issue.type(`${path}.value`, 'object') };
}

function isUrl(text: string): boolean {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    return url.hostname.includes('.') || url.hostname === 'localhost';
  } catch {
    return false;
  }
}

/** Kommo takes unix seconds; since 2022 also RFC 3339 strings. */
function toUnix(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string') {
    if (/^\d+$/.test(raw)) return Number(raw);
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms) && /^\d{4}-\d{2}-\d{2}/.test(raw)) return Math.floor(ms / 1000);
  }
  return null;
}

/** Merges field writes into an entity's stored values (fields not mentioned are kept). */
export function mergeCustomFields(
  current: StoredCustomFieldValues[],
  writes: { fieldId: number; values: StoredFieldValue[] }[],
): StoredCustomFieldValues[] {
  const next = new Map(current.map((cf) => [cf.fieldId, cf]));
  for (const w of writes) {
    if (w.values.length === 0) next.delete(w.fieldId);
    else next.set(w.fieldId, { fieldId: w.fieldId, values: w.values });
  }
  return [...next.values()];
}
