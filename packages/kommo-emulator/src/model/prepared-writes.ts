import { z } from 'zod';
import { fromZodIssues, type EntityIssues, type ValidationIssue } from './validation-issue';

const requestIdSchema = z.looseObject({ request_id: z.union([z.string(), z.number()]) });

export interface WriteResult {
  id: number;
  requestId: string;
  updatedAt: number;
}

/**
 * A batch write checked in full before anything changes: Kommo rejects the whole request when one
 * entity is invalid, so `apply` runs only when `issues` is empty.
 */
export interface PreparedBatch<R = WriteResult> {
  issues: EntityIssues[];
  apply: () => R[];
}

/**
 * Runs `prepare` over each item of a batch body. `prepare` pushes issues and returns the change to
 * make; the request id defaults to the item's index, as Kommo echoes it.
 */
export function prepareBatch<S extends z.ZodType, R>(
  items: unknown[],
  schema: S,
  prepare: (item: z.infer<S>, issues: ValidationIssue[], requestId: string) => (() => R) | null,
): PreparedBatch<R> {
  const issues: EntityIssues[] = [];
  const applies: (() => R)[] = [];
  items.forEach((raw, index) => {
    const given = requestIdSchema.safeParse(raw).data?.request_id;
    const fallbackId = given === undefined ? String(index) : String(given);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      issues.push({ request_id: fallbackId, errors: fromZodIssues(parsed.error, '', raw) });
      return;
    }
    const itemIssues: ValidationIssue[] = [];
    const apply = prepare(parsed.data, itemIssues, fallbackId);
    if (itemIssues.length) issues.push({ request_id: fallbackId, errors: itemIssues });
    else if (apply) applies.push(apply);
  });
  return { issues, apply: () => applies.map((a) => a()) };
}
