import type { AccountState } from '../model/account-state';
import type { StoredCustomFieldValues } from '../model/types';
import { toPhpFormInput, type PhpFormInput } from './php-form';

export type WebhookFields = { [key: string]: PhpFormInput };

/** One entity of one webhook family, e.g. an item of `leads[status]` for setting `status_lead`. */
export interface WebhookItem {
  setting: string;
  family: 'leads' | 'contacts' | 'task' | 'message' | 'talk';
  action: string;
  item: WebhookFields;
}

const DATE_TYPES = new Set(['date', 'date_time', 'birthday']);
const ENUM_TYPES = new Set(['select', 'multiselect', 'radiobutton', 'category', 'multitext']);

/** Modern account webhooks carry the account block (2016-era ones only the subdomain). */
export function accountBlock(state: AccountState, baseUrl: string): WebhookFields {
  return {
    subdomain: state.account.subdomain,
    id: state.account.id,
    _links: { self: baseUrl },
  };
}

/**
 * Custom fields as webhooks print them: `custom_fields[i][id|name|code|values[k][value|enum]]`.
 * `code` appears only for fields that have one (the real lead capture has none for a user
 * field); dates arrive as a bare `values[k]=<unix>`, enum values with `enum`= the enum id.
 */
export function webhookCustomFields(
  state: AccountState,
  stored: StoredCustomFieldValues[],
): WebhookFields[] | undefined {
  if (!stored.length) return undefined;
  return stored.flatMap((cf) => {
    const field = state.customFields.get(cf.fieldId);
    if (!field) return [];
    const values: PhpFormInput[] = cf.values.map((v) => {
      const value = toPhpFormInput(v.value);
      if (DATE_TYPES.has(field.type)) return value;
      return ENUM_TYPES.has(field.type) && v.enumId !== undefined
        ? { value, enum: v.enumId }
        : { value };
    });
    return [
      {
        id: field.id,
        name: field.name,
        ...(field.code ? { code: field.code } : {}),
        values,
      },
    ];
  });
}

export function webhookTags(
  state: AccountState,
  type: 'leads' | 'contacts' | 'companies',
  ids: number[],
) {
  if (!ids.length) return undefined;
  return ids.flatMap((id) => {
    const tag = state.tags[type].get(id);
    return tag ? [{ id: tag.id, name: tag.name }] : [];
  });
}
