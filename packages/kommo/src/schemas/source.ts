import { z } from 'zod';

/** The integration's own sources/channels. https://developers.kommo.com/reference/sources-list */
export const sourceSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  pipeline_id: z.number().nullish(),
  external_id: z.string().nullish(),
  default: z.boolean().nullish(),
  origin_code: z.string().nullish(),
  services: z.array(z.unknown()).nullish(),
});
export type Source = z.output<typeof sourceSchema>;
