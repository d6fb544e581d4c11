import type { KommoWebhookEvent, ParsedWebhook, UnhandledFragment, WebhookAccount } from './events';
import { intString } from './fields';
import {
  decodeWebhookBody,
  listEntries,
  type DecodeLimits,
  type DecodedBody,
  type FormObject,
  type FormValue,
} from './form-tree';
import { mapMessageItem, mapNoteItem, mapTalkItem, mapTaskItem } from './map-activity';
import { mapCustomerItem, mapLeadItem, mapPartyItem } from './map-records';
import { mapUnsortedItem } from './map-unsorted';

type ItemMapper = (
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
) => KommoWebhookEvent | null;

interface Family {
  actions: readonly string[];
  map: ItemMapper;
}

const RECORD_ACTIONS = ['add', 'update', 'delete', 'restore', 'responsible'] as const;

const withNotes =
  (family: string, map: ItemMapper): ItemMapper =>
  (action, item, path, unhandled) =>
    action === 'note'
      ? mapNoteItem(family, item, path, unhandled)
      : map(action, item, path, unhandled);

const party = (family: 'contacts' | 'companies'): Family => ({
  actions: [...RECORD_ACTIONS, 'note'],
  map: withNotes(family, (action, item, path, unhandled) =>
    mapPartyItem(family, action, item, path, unhandled),
  ),
});

const task: Family = { actions: ['add', 'update', 'delete', 'responsible'], map: mapTaskItem };

/** The top-level keys of a body (API.md §4) and the actions each carries. */
const FAMILIES: Record<string, Family> = {
  leads: { actions: [...RECORD_ACTIONS, 'status', 'note'], map: withNotes('leads', mapLeadItem) },
  contacts: party('contacts'),
  companies: party('companies'),
  customers: {
    actions: [...RECORD_ACTIONS, 'status', 'note'],
    map: withNotes('customers', mapCustomerItem),
  },
  task,
  tasks: task,
  message: { actions: ['add'], map: mapMessageItem },
  talk: { actions: ['add', 'update'], map: mapTalkItem },
  unsorted: { actions: ['add', 'update', 'delete'], map: mapUnsortedItem },
};

/** `account[id|subdomain|_links][self]]`, first or last in the body. */
export function readAccount(tree: FormObject, unhandled: UnhandledFragment[] = []): WebhookAccount {
  const block = tree.account;
  if (block === undefined) return {};
  if (typeof block !== 'object') {
    unhandled.push({ path: 'account', reason: 'expected a group of fields' });
    return {};
  }
  const account: WebhookAccount = {};
  if (block.id !== undefined) {
    const id = intString.safeParse(block.id);
    if (id.success) account.id = id.data;
    else unhandled.push({ path: 'account[id]', reason: 'expected an integer' });
  }
  if (typeof block.subdomain === 'string' && block.subdomain) account.subdomain = block.subdomain;
  const links = block._links;
  if (typeof links === 'object' && typeof links.self === 'string' && links.self) {
    account.url = links.self;
  }
  return account;
}

/**
 * Maps a decoded body to typed events. Never throws: whatever it cannot map (an unknown family or
 * action, an item without an id, a wrong type) is listed in `unhandled` with the reason.
 */
export function mapWebhook(decoded: DecodedBody): ParsedWebhook {
  const { tree, format } = decoded;
  const unhandled: UnhandledFragment[] = decoded.dropped.map((path) => ({
    path,
    reason: 'key not allowed (left out)',
  }));
  const account = readAccount(tree, unhandled);
  const events: KommoWebhookEvent[] = [];
  for (const [name, group] of Object.entries(tree)) {
    if (name === 'account') continue;
    const family = FAMILIES[name];
    if (!family) {
      unhandled.push({ path: name, reason: 'unknown webhook family' });
      continue;
    }
    if (typeof group !== 'object') {
      unhandled.push({ path: name, reason: 'expected a group of actions, got a single value' });
      continue;
    }
    for (const [action, list] of Object.entries(group)) {
      const at = `${name}[${action}]`;
      if (!family.actions.includes(action)) {
        unhandled.push({ path: at, reason: `unknown action "${action}"` });
        continue;
      }
      if (typeof list !== 'object') {
        unhandled.push({ path: at, reason: 'expected a list of items, got a single value' });
        continue;
      }
      const items = listEntries(list);
      for (const key of Object.keys(list)) {
        if (!/^\d+$/.test(key))
          unhandled.push({ path: `${at}[${key}]`, reason: 'not a list index' });
      }
      for (const { index, item } of items) {
        const event = family.map(action, item, `${at}[${index}]`, unhandled);
        if (event) events.push(event);
      }
    }
  }
  return { account, events, unhandled, format };
}

/**
 * Decodes and maps a raw webhook body (form-encoded with PHP-style keys, or JSON). Throws
 * WebhookParseError only when the encoding itself is malformed or exceeds a limit.
 */
export function parseWebhookBody(
  raw: Uint8Array | string,
  options: { contentType?: string | null; limits?: DecodeLimits } = {},
): ParsedWebhook {
  return mapWebhook(decodeWebhookBody(raw, options));
}
