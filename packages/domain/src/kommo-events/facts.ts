/**
 * What a Kommo event says about the account, in one shape per kind whatever the webhook generation
 * (2016, modern, Digital-Pipeline short form) it came in. Timestamps are unix seconds as Kommo sends
 * them. `undefined` means "the event did not say" (a thin payload), never "empty".
 */
export interface CustomFieldFacts {
  id: number;
  name?: string | undefined;
  code?: string | undefined;
  values: { value: string; enumId?: number | undefined }[];
}

export interface LeadFacts {
  id: number;
  name?: string | undefined;
  price?: number | undefined;
  statusId?: number | undefined;
  pipelineId?: number | undefined;
  oldStatusId?: number | undefined;
  oldPipelineId?: number | undefined;
  responsibleUserId?: number | undefined;
  oldResponsibleUserId?: number | undefined;
  /** 0 = a robot or the system. */
  modifiedUserId?: number | undefined;
  tags?: { id?: number | undefined; name: string }[] | undefined;
  customFields?: CustomFieldFacts[] | undefined;
  createdAt?: number | undefined;
  updatedAt?: number | undefined;
}

export type LeadChange = 'added' | 'updated' | 'status' | 'responsible' | 'restored' | 'deleted';

export interface PartyFacts {
  id: number;
  kind: 'contact' | 'company';
  name?: string | undefined;
  responsibleUserId?: number | undefined;
  customFields?: CustomFieldFacts[] | undefined;
  createdAt?: number | undefined;
  updatedAt?: number | undefined;
}

export interface TaskFacts {
  id: number;
  /** leads | contacts | companies | customers */
  entityType?: string | undefined;
  entityId?: number | undefined;
  taskTypeId?: number | undefined;
  text?: string | undefined;
  isCompleted?: boolean | undefined;
  resultText?: string | undefined;
  responsibleUserId?: number | undefined;
  oldResponsibleUserId?: number | undefined;
  completeTill?: number | undefined;
  createdAt?: number | undefined;
  updatedAt?: number | undefined;
}

export interface NoteFacts {
  id: number;
  entityType: 'leads' | 'contacts' | 'companies';
  entityId: number;
  /** common, call_in, call_out, service_message, … (numeric wire codes mapped by the parser) */
  noteType: string;
  text?: string | undefined;
  /** Call notes: Kommo's `params`/`metadata`. */
  call?:
    | {
        phone?: string | undefined;
        durationSeconds?: number | undefined;
        callStatus?: number | undefined;
        link?: string | undefined;
      }
    | undefined;
  authorUserId?: number | undefined;
  responsibleUserId?: number | undefined;
  createdAt?: number | undefined;
}

export interface MessageFacts {
  id: string;
  direction: 'in' | 'out';
  chatId?: string | undefined;
  talkId?: number | undefined;
  contactId?: number | undefined;
  leadId?: number | undefined;
  text: string;
  origin?: string | undefined;
  authorName?: string | undefined;
  attachments?: {
    type?: string | undefined;
    link?: string | undefined;
    fileName?: string | undefined;
  }[];
  createdAt?: number | undefined;
}

export interface TalkFacts {
  id: number;
  chatId?: string | undefined;
  contactId?: number | undefined;
  leadId?: number | undefined;
  origin?: string | undefined;
  isInWork?: boolean | undefined;
  isRead?: boolean | undefined;
  createdAt?: number | undefined;
  updatedAt?: number | undefined;
}

export interface UnsortedFacts {
  uid: string;
  leadId?: number | undefined;
  category?: string | undefined;
  sourceName?: string | undefined;
  action: 'add' | 'accept' | 'decline' | 'delete';
  at?: number | undefined;
}

/** One event of a delivery, as the processing understands it. */
export type KommoFact =
  | { type: 'lead'; change: LeadChange; lead: LeadFacts }
  | { type: 'party'; change: 'added' | 'updated' | 'deleted' | 'restored'; party: PartyFacts }
  | { type: 'task'; change: 'added' | 'updated' | 'deleted'; task: TaskFacts }
  | { type: 'note'; note: NoteFacts }
  | { type: 'message'; message: MessageFacts }
  | { type: 'talk'; change: 'added' | 'updated'; talk: TalkFacts }
  | { type: 'unsorted'; unsorted: UnsortedFacts };
