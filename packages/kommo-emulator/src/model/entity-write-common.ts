import { z } from 'zod';
import type { AccountState } from './account-state';
import {
  customFieldWriteSchema,
  mergeCustomFields,
  parseCustomFieldWrites,
} from './custom-field-values';
import type { Company, Contact, EntityBase, EntityType, Lead, StoredFieldValue } from './types';
import { issue, type ValidationIssue } from './validation-issue';

export const tagRefSchema = z.looseObject({
  id: z.number().int().optional(),
  name: z.string().min(1).max(255).optional(),
});
type TagRef = z.infer<typeof tagRefSchema>;

/** Fields every entity write (lead, contact, company) accepts. */
export const commonWriteShape = {
  id: z.number().int().optional(),
  name: z.string().max(255).optional(),
  responsible_user_id: z.number().int().optional(),
  created_by: z.number().int().optional(),
  updated_by: z.number().int().optional(),
  created_at: z.number().int().optional(),
  updated_at: z.number().int().optional(),
  custom_fields_values: z.array(customFieldWriteSchema).nullable().optional(),
  tags_to_add: z.array(tagRefSchema).optional(),
  tags_to_delete: z.array(tagRefSchema).optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
};

export interface CommonWrite {
  name?: string | undefined;
  responsible_user_id?: number | undefined;
  custom_fields_values?: z.infer<typeof customFieldWriteSchema>[] | null | undefined;
  tags_to_add?: TagRef[] | undefined;
  tags_to_delete?: TagRef[] | undefined;
  /** `_embedded.tags` replaces the whole set. */
  tags?: TagRef[] | null | undefined;
}

export interface PreparedCommon {
  fields: { fieldId: number; values: StoredFieldValue[] }[] | null;
  write: CommonWrite;
}

/** Validates the shared part of an entity write without changing anything. */
export function prepareCommon(
  state: AccountState,
  entityType: EntityType,
  write: CommonWrite,
  issues: ValidationIssue[],
): PreparedCommon {
  if (write.responsible_user_id !== undefined && !state.users.has(write.responsible_user_id)) {
    issues.push(issue.choice('responsible_user_id'));
  }
  const checkTags = (refs: TagRef[] | null | undefined, path: string) =>
    refs?.forEach((t, i) => {
      if (t.id === undefined && t.name === undefined)
        issues.push(issue.missing(`${path}.${i}.name`));
      else if (t.id !== undefined && !state.tags[entityType].has(t.id)) {
        issues.push(issue.notFound(`${path}.${i}.id`));
      }
    });
  checkTags(write.tags, '_embedded.tags');
  checkTags(write.tags_to_add, 'tags_to_add');
  checkTags(write.tags_to_delete, 'tags_to_delete');
  let fields: PreparedCommon['fields'] = null;
  if (write.custom_fields_values) {
    const parsed = parseCustomFieldWrites(state, entityType, write.custom_fields_values);
    issues.push(...parsed.issues);
    fields = parsed.fields;
  }
  return { fields, write };
}

/** Applies a prepared shared write (validated by prepareCommon). */
export function applyCommon(
  state: AccountState,
  entityType: EntityType,
  entity: Lead | Contact | Company,
  prepared: PreparedCommon,
): void {
  const { write, fields } = prepared;
  if (write.name !== undefined) entity.name = write.name;
  if (write.responsible_user_id !== undefined) {
    entity.responsibleUserId = write.responsible_user_id;
    entity.groupId = state.users.get(write.responsible_user_id)?.groupId ?? entity.groupId;
  }
  if (fields) entity.customFields = mergeCustomFields(entity.customFields, fields);
  else if (write.custom_fields_values === null) entity.customFields = [];
  const resolve = (t: TagRef) =>
    t.id !== undefined ? t.id : state.tagByName(entityType, t.name ?? '').id;
  if (write.tags !== undefined) entity.tagIds = (write.tags ?? []).map(resolve);
  if (write.tags_to_add)
    entity.tagIds = [...new Set([...entity.tagIds, ...write.tags_to_add.map(resolve)])];
  if (write.tags_to_delete) {
    const drop = new Set(write.tags_to_delete.map(resolve));
    entity.tagIds = entity.tagIds.filter((id) => !drop.has(id));
  }
}

/** JSON of the writable state, to tell whether a PATCH changed anything (no change, no bump). */
export const fingerprint = (entity: object): string =>
  JSON.stringify(entity, (key, value: unknown) =>
    key === 'updatedAt' || key === 'updatedBy' ? undefined : value,
  );

/** The entity a PATCH item names; a missing id, or an unknown or deleted entity, is an issue. */
export function findForUpdate<T extends { isDeleted: boolean }>(
  entities: Map<number, T>,
  id: number | undefined,
  issues: ValidationIssue[],
): T | null {
  if (id === undefined) {
    issues.push(issue.missing('id'));
    return null;
  }
  const entity = entities.get(id);
  if (!entity || entity.isDeleted) issues.push(issue.notFound('id'));
  return entity && !entity.isDeleted ? entity : null;
}

/** The audit fields a write may set explicitly (imports and migrations do). */
interface AuditWrite {
  responsible_user_id?: number | undefined;
  created_by?: number | undefined;
  updated_by?: number | undefined;
  created_at?: number | undefined;
  updated_at?: number | undefined;
}

/**
 * A new entity's shared fields, before `applyCommon` fills the name, fields and tags. The
 * responsible user defaults to the actor, or to the account's user for robot writes.
 */
export function newEntityBase(
  state: AccountState,
  id: number,
  write: AuditWrite,
  actorId: number,
  now: number,
): EntityBase {
  const responsible = write.responsible_user_id ?? (actorId || state.account.currentUserId);
  return {
    id,
    name: '',
    responsibleUserId: responsible,
    groupId: state.users.get(responsible)?.groupId ?? 0,
    createdBy: write.created_by ?? actorId,
    updatedBy: write.updated_by ?? actorId,
    createdAt: write.created_at ?? now,
    updatedAt: write.updated_at ?? now,
    closestTaskAt: null,
    isDeleted: false,
    customFields: [],
    tagIds: [],
  };
}

/** After a PATCH that changed something: `updated_at` as given, else now (never backwards). */
export function markUpdated(
  entity: { updatedAt: number; updatedBy: number },
  givenUpdatedAt: number | undefined,
  now: number,
  actorId: number,
): void {
  entity.updatedAt = givenUpdatedAt ?? Math.max(now, entity.updatedAt);
  entity.updatedBy = actorId;
}
