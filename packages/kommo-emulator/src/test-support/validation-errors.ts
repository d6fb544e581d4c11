import { z } from 'zod';

const problemSchema = z.object({
  'validation-errors': z.array(
    z.object({
      request_id: z.string(),
      errors: z.array(z.object({ code: z.string(), path: z.string(), detail: z.string() })),
    }),
  ),
});

/** The `validation-errors` of a 400 problem+json body, parsed (throws when the body is not one). */
export const validationErrors = (body: unknown) => problemSchema.parse(body)['validation-errors'];
