import { z } from 'zod';

/** https://developers.kommo.com/reference/custom-fields-list (types listed in API.md §3). */
export const customFieldSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  code: z.string().nullish(),
  sort: z.number().nullish(),
  type: z.string(),
  entity_type: z.string().nullish(),
  is_predefined: z.boolean().nullish(),
  is_deletable: z.boolean().nullish(),
  is_api_only: z.boolean().nullish(),
  is_required: z.boolean().nullish(),
  group_id: z.string().nullish(),
  enums: z
    .array(z.looseObject({ id: z.number(), value: z.string(), sort: z.number().nullish() }))
    .nullish(),
  required_statuses: z
    .array(z.looseObject({ status_id: z.number(), pipeline_id: z.number() }))
    .nullish(),
  settings: z.unknown().optional(),
});
export type CustomField = z.output<typeof customFieldSchema>;

export type CustomFieldEntity = 'leads' | 'contacts' | 'companies';
