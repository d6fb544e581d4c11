import type {
  AccountInfo,
  Company,
  Contact,
  CustomField,
  Lead,
  Note,
  Pipeline,
  Role,
  Source,
  Tag,
  Task,
  TaskType,
  User,
  UserGroup,
  Webhook,
} from './types';

/**
 * Everything an account starts with. Plain data (no Maps) so a fixture can be written by hand,
 * generated, or stored as JSON; the emulator copies it into an AccountState on creation.
 */
export interface AccountFixture {
  account: AccountInfo;
  users: User[];
  groups: UserGroup[];
  roles: Role[];
  taskTypes: TaskType[];
  pipelines: Pipeline[];
  customFields: CustomField[];
  sources: Source[];
  tags: { leads: Tag[]; contacts: Tag[]; companies: Tag[] };
  leads: Lead[];
  contacts: Contact[];
  companies: Company[];
  tasks: Task[];
  notes: Note[];
  webhooks: Webhook[];
  /** Loss reasons are referenced by `loss_reason_id` on lost leads. */
  lossReasons: { id: number; name: string; sort: number }[];
}
