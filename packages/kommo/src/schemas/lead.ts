import { z } from 'zod';
import { type CustomFieldValueInput, customFieldValuesSchema } from './custom-field-values';
import { type TagRef, tagSchema } from './tag';

/** https://developers.kommo.com/reference/leads-list */
export const leadSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
  price: z.number().nullish(),
  responsible_user_id: z.number().nullish(),
  group_id: z.number().nullish(),
  status_id: z.number(),
  pipeline_id: z.number(),
  loss_reason_id: z.number().nullish(),
  source_id: z.number().nullish(),
  created_by: z.number().nullish(),
  updated_by: z.number().nullish(),
  created_at: z.number(),
  updated_at: z.number(),
  closed_at: z.number().nullish(),
  closest_task_at: z.number().nullish(),
  is_deleted: z.boolean().nullish(),
  score: z.number().nullish(),
  account_id: z.number().nullish(),
  custom_fields_values: customFieldValuesSchema,
  _embedded: z
    .looseObject({
      tags: z.array(tagSchema).nullish(),
      contacts: z
        .array(z.looseObject({ id: z.number(), is_main: z.boolean().nullish() }))
        .nullish(),
      companies: z.array(z.looseObject({ id: z.number() })).nullish(),
    })
    .nullish(),
});
export type Lead = z.output<typeof leadSchema>;

export type LeadWith =
  | 'contacts'
  | 'catalog_elements'
  | 'is_price_modified_by_robot'
  | 'loss_reason'
  | 'source_id'
  | 'only_deleted';

export interface LeadInput {
  name?: string;
  price?: number;
  status_id?: number;
  pipeline_id?: number;
  responsible_user_id?: number;
  loss_reason_id?: number;
  custom_fields_values?: CustomFieldValueInput[];
  /** Echoed back in the write result, to match results to inputs. */
  request_id?: string;
  _embedded?: {
    tags?: TagRef[];
    contacts?: { id: number; is_main?: boolean }[];
    companies?: { id: number }[];
  };
}

/** Moving a lead = PATCH `status_id` (+ `pipeline_id` when the stage is in another pipeline). */
export type LeadPatch = LeadInput & { id: number; updated_by?: number };
