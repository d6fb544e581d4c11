import { z } from 'zod';
import { type CustomFieldValueInput, customFieldValuesSchema } from './custom-field-values';
import { type TagRef, tagSchema } from './tag';

/** https://developers.kommo.com/reference/contacts-list */
export const contactSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  responsible_user_id: z.number().nullish(),
  group_id: z.number().nullish(),
  created_by: z.number().nullish(),
  updated_by: z.number().nullish(),
  created_at: z.number(),
  updated_at: z.number(),
  closest_task_at: z.number().nullish(),
  is_deleted: z.boolean().nullish(),
  account_id: z.number().nullish(),
  custom_fields_values: customFieldValuesSchema,
  _embedded: z
    .looseObject({
      tags: z.array(tagSchema).nullish(),
      companies: z.array(z.looseObject({ id: z.number() })).nullish(),
      leads: z.array(z.looseObject({ id: z.number() })).nullish(),
    })
    .nullish(),
});
export type Contact = z.output<typeof contactSchema>;

export type ContactWith = 'leads' | 'customers' | 'catalog_elements';

export interface ContactInput {
  name?: string;
  first_name?: string;
  last_name?: string;
  responsible_user_id?: number;
  /** Phone/email are `field_code: 'PHONE' | 'EMAIL'` with `enum_code` WORK, MOB, … (API.md §3). */
  custom_fields_values?: CustomFieldValueInput[];
  request_id?: string;
  _embedded?: { tags?: TagRef[]; companies?: { id: number }[] };
}

export type ContactPatch = ContactInput & { id: number };
