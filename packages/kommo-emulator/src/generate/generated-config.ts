import { customFieldDefaults } from '../model/custom-field-defaults';
import type {
  CustomField,
  CustomFieldType,
  Pipeline,
  Source,
  StoredCustomFieldValues,
  User,
} from '../model/types';

/** The configuration half of a generated account: users, pipelines, fields, sources. */

// A fixed clock: the same spec and seed give byte-identical accounts on every run.
export const BASE = 1_767_225_600; // 2026-01-01T00:00:00Z
export const DAY = 86_400;

// prettier-ignore
export const FIRST_NAMES = ['Anna', 'Ivan', 'Maria', 'Carlos', 'Olga', 'John', 'Sofia', 'Dmitry', 'Laura', 'Pedro', 'Елена', 'Сергей'];
// prettier-ignore
export const LAST_NAMES = ['Smith', 'Petrov', 'Garcia', 'Ivanova', 'Müller', 'Rossi', 'Silva', 'Orlov', 'Martin', 'Lee', 'Волков', 'Соколова'];
// prettier-ignore
const FIELD_TYPES: CustomFieldType[] = ['text', 'numeric', 'select', 'multiselect', 'date', 'checkbox', 'url', 'textarea', 'date_time', 'price'];
const ORIGINS = ['whatsapp', 'telegram', 'instagram_business', 'facebook', 'viber'];
const COLORS = ['#99ccff', '#ffff99', '#ffcc66', '#ffc8c8', '#deff81', '#87f2c0', '#f9deff'];

const uuidFor = (prefix: string, id: number) =>
  `${prefix}-0000-4000-8000-${String(id).padStart(12, '0')}`;

export function generateUsers(count: number): User[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => ({
    id: 9_000_001 + i,
    name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`,
    email: `user${i + 1}@generated.example`,
    lang: 'en',
    uuid: uuidFor('00000000', 9_000_001 + i),
    amojoId: uuidFor('a0000000', 9_000_001 + i),
    isAdmin: i === 0,
    isActive: true,
    groupId: 0,
    roleId: null,
  }));
}

/** Each pipeline: incoming (type 1), `stages` regular stages, then 142 won and 143 lost. */
export function generatePipelines(count: number, stages: number): Pipeline[] {
  return Array.from({ length: Math.max(1, count) }, (_, p) => ({
    id: 8_000_001 + p,
    name: `Pipeline ${p + 1}`,
    sort: p + 1,
    isMain: p === 0,
    isUnsortedOn: true,
    isArchive: false,
    statuses: [
      {
        id: 70_000_000 + p * 1000,
        name: 'Incoming leads',
        sort: 10,
        isEditable: false,
        color: '#c1c1c1',
        type: 1,
      },
      ...Array.from({ length: stages }, (_, s) => ({
        id: 70_000_001 + p * 1000 + s,
        name: `Stage ${s + 1}`,
        sort: 20 + s * 10,
        isEditable: true,
        color: COLORS[s % COLORS.length] ?? '#99ccff',
        type: 0 as const,
      })),
      { id: 142, name: 'Closed - won', sort: 10_000, isEditable: false, color: '#CCFF66', type: 0 },
      {
        id: 143,
        name: 'Closed - lost',
        sort: 11_000,
        isEditable: false,
        color: '#D5D8DB',
        type: 0,
      },
    ],
  }));
}

/** Lead fields cycling through the common types; selects get four options. */
export function generateLeadFields(count: number): CustomField[] {
  return Array.from({ length: count }, (_, i) => {
    const type = FIELD_TYPES[i % FIELD_TYPES.length] ?? 'text';
    const hasEnums = type === 'select' || type === 'multiselect';
    return {
      ...customFieldDefaults(),
      id: 600_001 + i,
      name: `Field ${i + 1} (${type})`,
      sort: 500 + i,
      type,
      entityType: 'leads',
      enums: hasEnums
        ? [0, 1, 2, 3].map((e) => ({
            id: 650_000 + i * 10 + e,
            value: `Option ${e + 1}`,
            sort: e * 2,
          }))
        : null,
    };
  });
}

/** The predefined PHONE and EMAIL multitext fields every account has. */
export function generateContactFields(): { phone: CustomField; email: CustomField } {
  const multitext = (id: number, code: string, codes: string[]): CustomField => ({
    ...customFieldDefaults(),
    id,
    name: code === 'PHONE' ? 'Phone' : 'Email',
    code,
    sort: 4,
    type: 'multitext',
    entityType: 'contacts',
    isPredefined: true,
    isDeletable: false,
    enums: codes.map((c, e) => ({ id: id * 10 + e, value: c, sort: e * 2, code: c })),
  });
  return {
    phone: multitext(690_001, 'PHONE', ['WORK', 'WORKDD', 'MOB', 'FAX', 'HOME', 'OTHER']),
    email: multitext(690_002, 'EMAIL', ['WORK', 'PRIV', 'OTHER']),
  };
}

export function generateSources(count: number, pipelines: Pipeline[]): Source[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 50_001 + i,
    name: `Source ${i + 1}`,
    pipelineId: pipelines[i % pipelines.length]?.id ?? 8_000_001,
    externalId: `source-${i + 1}`,
    isDefault: i === 0,
    originCode: ORIGINS[i % ORIGINS.length] ?? 'custom',
  }));
}

const valueCache = new Map<string, StoredCustomFieldValues | null>();

/**
 * A plausible value of a field for the i-th entity. Values cycle (100 variants per field) and
 * are shared between entities: stored values are never changed in place, and sharing keeps a
 * 50,000-lead account small in memory.
 */
export function generatedFieldValue(f: CustomField, i: number): StoredCustomFieldValues | null {
  const variant = i % 100;
  const key = `${f.id}:${variant}`;
  let value = valueCache.get(key);
  if (value === undefined) {
    value = buildFieldValue(f, variant);
    valueCache.set(key, value);
  }
  return value;
}

function buildFieldValue(f: CustomField, v: number): StoredCustomFieldValues | null {
  const options = f.enums ?? [];
  const option = options[v % Math.max(1, options.length)];
  switch (f.type) {
    case 'text':
    case 'textarea':
      return { fieldId: f.id, values: [{ value: `Value ${v}` }] };
    case 'numeric':
      return { fieldId: f.id, values: [{ value: String(v * 10) }] };
    case 'price':
      return { fieldId: f.id, values: [{ value: v * 100 }] };
    case 'select':
    case 'multiselect':
      return option
        ? { fieldId: f.id, values: [{ value: option.value, enumId: option.id }] }
        : null;
    case 'date':
    case 'date_time':
      return { fieldId: f.id, values: [{ value: BASE + (v % 90) * DAY }] };
    case 'checkbox':
      return { fieldId: f.id, values: [{ value: v % 2 === 0 }] };
    case 'url':
      return { fieldId: f.id, values: [{ value: `https://site${v % 50}.example` }] };
    default:
      return null;
  }
}
