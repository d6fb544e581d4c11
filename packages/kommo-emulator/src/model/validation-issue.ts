import type { z } from 'zod';

/**
 * One entry of Kommo's `validation-errors[].errors[]`. The codes are the ones Kommo answers with
 * (`NotSupportedChoice`, `InvalidType`, `FieldMissing`, `NotFound`, `MaxLength` …) and the paths are
 * dotted, as in `custom_fields_values.0.values.0.value`.
 */
export interface ValidationIssue {
  code: string;
  path: string;
  detail: string;
}

export const issue = {
  missing: (path: string): ValidationIssue => ({
    code: 'FieldMissing',
    path,
    detail: 'This field is missing.',
  }),
  choice: (path: string): ValidationIssue => ({
    code: 'NotSupportedChoice',
    path,
    detail: 'The value you selected is not a valid choice.',
  }),
  type: (path: string, type: string): ValidationIssue => ({
    code: 'InvalidType',
    path,
    detail: `This value should be of type ${type}.`,
  }),
  notFound: (path: string): ValidationIssue => ({
    code: 'NotFound',
    path,
    detail: 'Entity not found.',
  }),
  tooLong: (path: string, max: number): ValidationIssue => ({
    code: 'MaxLength',
    path,
    detail: `This value is too long. It should have ${max} characters or less.`,
  }),
};

/**
 * Maps zod's complaints about one entity to Kommo-style entries. `input` (what was parsed) tells
 * a missing field (FieldMissing) from one of the wrong type (InvalidType).
 */
export function fromZodIssues(error: z.ZodError, prefix = '', input?: unknown): ValidationIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'invalid_type' && isMissing(input, i.path)) return issue.missing(path);
    if (i.code === 'invalid_type') return issue.type(path, kommoTypeName(i.expected));
    if (i.code === 'too_big' && i.origin === 'string')
      return issue.tooLong(path, Number(i.maximum));
    return { code: 'InvalidValue', path, detail: i.message };
  });
}

function isMissing(input: unknown, path: PropertyKey[]): boolean {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return true;
    node = Reflect.get(node, key);
  }
  return node === undefined;
}

const kommoTypeName = (expected: string) =>
  expected === 'number' ? 'int' : expected === 'boolean' ? 'bool' : expected;

/** Kommo groups validation errors per entity of the request, keyed by its `request_id`. */
export interface EntityIssues {
  request_id: string;
  errors: ValidationIssue[];
}
