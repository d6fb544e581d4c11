import type { z } from 'zod';
import { KommoContractError } from './errors';

/**
 * Parses a 2xx body with our schema. Schemas are loose (unknown fields pass), so a failure means a
 * field we rely on changed type or disappeared; the message names the JSON path so the log line
 * alone tells which one: `_embedded.leads.3.status_id: expected number, received string`.
 */
export function parseContract<S extends z.ZodType>(
  schema: S,
  json: unknown,
  at: { method: string; path: string },
): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const shown = issues.slice(0, 3).join('; ');
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  throw new KommoContractError(
    `Kommo's answer to ${at.method} ${at.path} broke our contract: ${shown}${more}`,
    { path: at.path, issues },
  );
}
