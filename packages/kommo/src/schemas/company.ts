import { z } from 'zod';
import { contactCompanyFields } from './contact-company-fields';
import type { CustomFieldValueInput } from './custom-field-values';
import { type TagRef, tagSchema } from './tag';

/** https://developers.kommo.com/reference/companies-list */
export const companySchema = z.looseObject({
  ...contactCompanyFields,
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
