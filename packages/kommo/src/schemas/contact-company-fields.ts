import { z } from 'zod';
import { customFieldValuesSchema } from './custom-field-values';

/**
 * The fields Kommo's contacts and companies share (both are "contacts" in Kommo's data model);
 * each schema adds its own fields and `_embedded` links.
 */
export const contactCompanyFields = {
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
};
