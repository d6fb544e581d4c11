import { z } from 'zod';
import { localeSchema, roleSchema } from '@leadpilot/schemas/common';

// Output schemas: what the browser may see. Declared for every procedure that returns data, so a
// column added to a select can't leak by accident (tRPC strips unknown keys on output).
export const orgRef = z.object({ id: z.string(), name: z.string(), role: roleSchema });
export const meOutput = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: localeSchema }),
  activeOrg: orgRef.nullable(),
  orgs: z.array(orgRef),
});
export const okOutput = z.object({ ok: z.literal(true) });
export const userRef = z.object({ id: z.string(), name: z.string() });
