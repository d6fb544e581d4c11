import {
  type Contact,
  type ContactInput,
  type ContactPatch,
  contactSchema,
  type ContactWith,
} from '../schemas/contact';
import type { Request } from '../transport';
import { entityMethods } from './entity-methods';

/** https://developers.kommo.com/reference/contacts-list */
export function contactMethods(request: Request) {
  const m = entityMethods<Contact, ContactWith, ContactInput, ContactPatch>(
    request,
    'contacts',
    contactSchema,
  );
  return {
    listContacts: m.list,
    iterateContacts: m.iterate,
    getContact: m.get,
    createContacts: m.create,
    updateContacts: m.update,
    updateContact: m.updateOne,
  };
}
