import type { AccountEvent, AccountEventListener } from './events';
import type { AccountFixture } from './fixture';
import type {
  AccountInfo,
  BotCall,
  CallRecord,
  ChatMessage,
  Company,
  Contact,
  CustomField,
  EntityType,
  Lead,
  Note,
  Pipeline,
  PipelineStatus,
  Role,
  Source,
  Tag,
  Talk,
  Task,
  TaskType,
  User,
  UserGroup,
  Webhook,
} from './types';

type IdKind =
  'lead' | 'contact' | 'company' | 'task' | 'note' | 'tag' | 'webhook' | 'talk' | 'call' | 'source';

export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

const maxId = (items: Iterable<{ id: number }>, floor: number) => {
  let max = floor;
  for (const item of items) if (item.id > max) max = item.id;
  return max;
};

/**
 * The live account: what the API reads and writes, and what tests assert on. Maps keep the
 * 50,000-lead benchmark accounts fast; insertion order is id order, which is the lists' default.
 */
export class AccountState {
  readonly account: AccountInfo;
  readonly users: Map<number, User>;
  readonly groups: UserGroup[];
  readonly roles: Role[];
  readonly taskTypes: TaskType[];
  readonly pipelines: Map<number, Pipeline>;
  readonly customFields: Map<number, CustomField>;
  readonly sources: Map<number, Source>;
  readonly tags: Record<EntityType, Map<number, Tag>>;
  readonly leads: Map<number, Lead>;
  readonly contacts: Map<number, Contact>;
  readonly companies: Map<number, Company>;
  readonly tasks: Map<number, Task>;
  readonly notes: Map<number, Note>;
  readonly webhooks: Map<number, Webhook>;
  readonly lossReasons: AccountFixture['lossReasons'];
  readonly talks = new Map<number, Talk>();
  readonly messages: ChatMessage[] = [];
  readonly calls: CallRecord[] = [];
  readonly botCalls: BotCall[] = [];

  private readonly nextIds: Record<IdKind, number>;
  private readonly listeners = new Set<AccountEventListener>();
  private readonly leadsByContact = new Map<number, Set<number>>();

  constructor(fixture: AccountFixture) {
    // One fixture may seed many emulators (tests), so the state must not share objects with it.
    // The configuration is small and deep-copied. Entities (50,000+ in benchmarks) get a shallow
    // copy each: their nested arrays and objects are only ever replaced, never changed in place,
    // so sharing them with the fixture is safe — and a deep copy would take seconds.
    const f = fixture;
    const copy = <T extends { id: number }>(items: T[]) =>
      new Map(items.map((i) => [i.id, { ...i }]));
    const config = <T extends { id: number }>(items: T[]) => copy(structuredClone(items));
    this.account = { ...f.account };
    this.users = config(f.users);
    this.groups = structuredClone(f.groups);
    this.roles = structuredClone(f.roles);
    this.taskTypes = structuredClone(f.taskTypes);
    this.pipelines = config(f.pipelines);
    this.customFields = config(f.customFields);
    this.sources = config(f.sources);
    this.tags = {
      leads: copy(f.tags.leads),
      contacts: copy(f.tags.contacts),
      companies: copy(f.tags.companies),
    };
    this.leads = copy(f.leads);
    this.contacts = copy(f.contacts);
    this.companies = copy(f.companies);
    this.tasks = copy(f.tasks);
    this.notes = copy(f.notes);
    this.webhooks = config(f.webhooks);
    this.lossReasons = structuredClone(f.lossReasons);
    for (const lead of this.leads.values()) this.indexLeadContacts(lead, []);
    const allTags = [...f.tags.leads, ...f.tags.contacts, ...f.tags.companies];
    this.nextIds = {
      lead: maxId(f.leads, 20_000_000) + 1,
      contact: maxId(f.contacts, 10_000_000) + 1,
      company: maxId(f.companies, 15_000_000) + 1,
      task: maxId(f.tasks, 3_000_000) + 1,
      note: maxId(f.notes, 5_000_000) + 1,
      tag: maxId(allTags, 100_000) + 1,
      webhook: maxId(f.webhooks, 1_000) + 1,
      talk: 100,
      call: 1,
      source: maxId(f.sources, 40_000) + 1,
    };
  }

  nextId(kind: IdKind): number {
    return this.nextIds[kind]++;
  }

  /** Unix seconds, the unit of every Kommo timestamp. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  subscribe(listener: AccountEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AccountEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  mainPipeline(): Pipeline {
    const pipelines = [...this.pipelines.values()];
    const main = pipelines.find((p) => p.isMain) ?? pipelines[0];
    if (!main) throw new Error('The account fixture has no pipeline');
    return main;
  }

  status(pipelineId: number, statusId: number): PipelineStatus | undefined {
    return this.pipelines.get(pipelineId)?.statuses.find((s) => s.id === statusId);
  }

  /** The pipeline a (non-system) status belongs to; status ids are unique except 142/143. */
  pipelineOfStatus(statusId: number): Pipeline | undefined {
    if (statusId === WON_STATUS_ID || statusId === LOST_STATUS_ID) return undefined;
    for (const p of this.pipelines.values())
      if (p.statuses.some((s) => s.id === statusId)) return p;
    return undefined;
  }

  fieldsOf(entityType: EntityType): CustomField[] {
    return [...this.customFields.values()].filter((f) => f.entityType === entityType);
  }

  entities(entityType: EntityType): Map<number, Lead | Contact | Company> {
    return entityType === 'leads'
      ? this.leads
      : entityType === 'contacts'
        ? this.contacts
        : this.companies;
  }

  leadIdsOfContact(contactId: number): number[] {
    return [...(this.leadsByContact.get(contactId) ?? [])];
  }

  /** Replaces a lead's contacts and keeps the contact → leads index true. */
  setLeadContacts(lead: Lead, contactIds: number[], mainContactId: number | null): void {
    const previous = lead.contactIds;
    lead.contactIds = [...new Set(contactIds)];
    const keptMain =
      lead.mainContactId !== null && lead.contactIds.includes(lead.mainContactId)
        ? lead.mainContactId
        : null;
    lead.mainContactId = mainContactId ?? keptMain ?? lead.contactIds[0] ?? null;
    this.indexLeadContacts(lead, previous);
  }

  private indexLeadContacts(lead: Lead, previous: number[]): void {
    for (const id of previous) this.leadsByContact.get(id)?.delete(lead.id);
    for (const id of lead.contactIds) {
      let set = this.leadsByContact.get(id);
      if (!set) this.leadsByContact.set(id, (set = new Set()));
      set.add(lead.id);
    }
  }

  /** Finds or creates a tag by name (Kommo creates unknown tags on write). */
  tagByName(entityType: EntityType, name: string): Tag {
    const tags = this.tags[entityType];
    for (const tag of tags.values()) if (tag.name.toLowerCase() === name.toLowerCase()) return tag;
    const tag = { id: this.nextId('tag'), name, color: null };
    tags.set(tag.id, tag);
    return tag;
  }

  /** Contacts whose phone field holds these digits (Kommo matches calls by phone). */
  contactsByPhone(phone: string): Contact[] {
    const digits = phone.replace(/\D/g, '').slice(-10);
    if (!digits) return [];
    const phoneFields = new Set(
      this.fieldsOf('contacts')
        .filter((f) => f.code === 'PHONE')
        .map((f) => f.id),
    );
    const found: Contact[] = [];
    for (const contact of this.contacts.values()) {
      const match = contact.customFields.some(
        (cf) =>
          phoneFields.has(cf.fieldId) &&
          cf.values.some((v) =>
            String(v.value ?? '')
              .replace(/\D/g, '')
              .endsWith(digits),
          ),
      );
      if (match) found.push(contact);
    }
    return found;
  }
}
