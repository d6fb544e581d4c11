import { z } from 'zod';
import type {
  KommoWebhookEvent,
  UnhandledFragment,
  WebhookUnsorted,
  WebhookUnsortedDecision,
} from './events';
import { defined, optGroup, optInt, optString, parseItem, requiredString } from './fields';
import { listEntries, type FormObject, type FormValue } from './form-tree';

/** `unsorted[add|update][i]` — doc_unsorted_add.json. */
const unsortedItem = z.looseObject({
  uid: requiredString,
  category: optString,
  pipeline_id: optInt,
  source_id: optInt,
  lead_id: optInt,
  created_at: optInt,
  date_create: optInt,
  source_data: optGroup,
  data: optGroup,
});

/** `unsorted[delete][i]` with `action=accept|decline` — doc_unsorted_delete_accept.json. */
const decisionItem = z.looseObject({
  uid: requiredString,
  action: optString,
  category: optString,
  created_at: optInt,
  modified_user_id: optInt,
  accept_result: optGroup,
});

const ids = (group: FormObject | undefined, key: string): number[] => {
  const list = group?.[key];
  if (typeof list !== 'object') return [];
  return listEntries(list).flatMap(({ item }) =>
    typeof item === 'string' && /^\d{1,15}$/.test(item) ? [Number(item)] : [],
  );
};

export function mapUnsortedItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  if (action === 'add' || action === 'update') {
    const row = parseItem(unsortedItem, item, path, unhandled);
    if (!row) return null;
    const from = row.source_data?.from ?? row.source_data?.form_name;
    const unsorted: WebhookUnsorted = defined({
      uid: row.uid,
      category: row.category,
      pipelineId: row.pipeline_id,
      sourceId: row.source_id,
      leadId: row.lead_id || undefined,
      createdAt: row.created_at ?? row.date_create,
      sourceName: typeof from === 'string' && from ? from : undefined,
      sourceData: row.source_data,
      data: row.data,
    });
    return { type: action === 'add' ? 'unsorted.added' : 'unsorted.updated', path, unsorted };
  }
  if (action === 'delete') {
    const row = parseItem(decisionItem, item, path, unhandled);
    if (!row) return null;
    const unsorted: WebhookUnsortedDecision = {
      ...defined({
        uid: row.uid,
        category: row.category,
        modifiedUserId: row.modified_user_id,
        createdAt: row.created_at,
      }),
      leadIds: ids(row.accept_result, 'leads'),
      contactIds: ids(row.accept_result, 'contacts'),
      companyIds: ids(row.accept_result, 'companies'),
    };
    const type =
      row.action === 'accept'
        ? 'unsorted.accepted'
        : row.action === 'decline'
          ? 'unsorted.declined'
          : 'unsorted.deleted';
    return { type, path, unsorted };
  }
  return null;
}
