import { z } from 'zod';
import { contactCompanyFields } from './contact-company-fields';
import type { CustomFieldValueInput } from './custom-field-values';
import { type TagRef, tagSchema } from './tag';

/** https://developers.kommo.com/reference/contacts-list */
export const contactSchema = z.looseObject({
  ...contactCompanyFields,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
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
