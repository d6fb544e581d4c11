import { z } from 'zod';

/**
 * `custom_fields_values` on leads/contacts/companies. Kommo sends `null` when an entity has none.
 * Values are strings for most types, numbers for dates (unix) and prices, booleans for checkboxes,
 * objects for legal_entity/smart_address/items/chained_list.
 * https://developers.kommo.com/docs/custom-fields
 */
export const customFieldValueSchema = z.looseObject({
  value: z
    .union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())])
    .nullish(),
  enum_id: z.number().nullish(),
  enum_code: z.string().nullish(),
});

export const customFieldValuesSchema = z
  .array(
    z.looseObject({
      field_id: z.number(),
      field_name: z.string().nullish(),
      field_code: z.string().nullish(),
      field_type: z.string().nullish(),
      values: z.array(customFieldValueSchema),
    }),
  )
  .nullish();
export type CustomFieldValues = NonNullable<z.output<typeof customFieldValuesSchema>>;

/** Writing a value: by `field_id` or `field_code` (PHONE, EMAIL); enums by `enum_id` or `enum_code`. */
export type CustomFieldValueInput = ({ field_id: number } | { field_code: string }) & {
  values: {
    value?: string | number | boolean | Record<string, unknown>;
    enum_id?: number;
    enum_code?: string;
  }[];
};
