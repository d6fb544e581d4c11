import { z } from 'zod';
import { type CustomFieldValueInput, customFieldValuesSchema } from './custom-field-values';
import { type TagRef, tagSchema } from './tag';

/** https://developers.kommo.com/reference/companies-list */
export const companySchema = z.looseObject({
  id: z.number(),
  name: z.string().nullish(),
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
      contacts: z.array(z.looseObject({ id: z.number() })).nullish(),
      leads: z.array(z.looseObject({ id: z.number() })).nullish(),
    })
    .nullish(),
});
export type Company = z.output<typeof companySchema>;

export type CompanyWith = 'leads' | 'contacts' | 'customers' | 'catalog_elements';

export interface CompanyInput {
  name?: string;
  responsible_user_id?: number;
  custom_fields_values?: CustomFieldValueInput[];
  request_id?: string;
  _embedded?: { tags?: TagRef[] };
}

export type CompanyPatch = CompanyInput & { id: number };
