import type { z } from 'zod';

/**
 * Parses a process's configuration once, at start. A bad value stops the process with every
 * problem named, rather than failing later somewhere else.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv,
  app: string,
): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid ${app} configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
