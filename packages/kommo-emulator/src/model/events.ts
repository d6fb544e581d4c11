import type { ChatMessage, Company, Contact, EntityType, Lead, Note, Talk, Task } from './types';

/**
 * What changed in the account. Each event carries a snapshot taken when it happened, so a
 * webhook built a moment later still describes that change (Kommo's bodies are snapshots too).
 * `actorId` 0 means "robot/system" (Kommo's `modified_user_id=0`).
 */
export type AccountEvent =
  | {
      kind: 'lead';
      action: 'add' | 'update' | 'status' | 'responsible' | 'delete' | 'restore';
      lead: Lead;
      old: { statusId: number; pipelineId: number; responsibleUserId: number } | null;
      actorId: number;
    }
  | {
      kind: 'contact';
      action: 'add' | 'update' | 'responsible' | 'delete' | 'restore';
      entity: Contact;
      oldResponsibleUserId: number | null;
      actorId: number;
    }
  | {
      kind: 'company';
      action: 'add' | 'update' | 'responsible' | 'delete' | 'restore';
      entity: Company;
      oldResponsibleUserId: number | null;
      actorId: number;
    }
  | {
      kind: 'task';
      action: 'add' | 'update' | 'delete' | 'responsible';
      task: Task;
      oldResponsibleUserId: number | null;
      actorId: number;
    }
  | { kind: 'note'; note: Note; entityType: EntityType }
  | { kind: 'talk'; action: 'add' | 'update'; talk: Talk }
  | { kind: 'message'; message: ChatMessage; talk: Talk };

export type AccountEventListener = (event: AccountEvent) => void;
