import { z } from 'zod';
import type { AccountState } from './account-state';
import { fingerprint, markUpdated } from './entity-write-common';
import { prepareBatch, type PreparedBatch, type WriteResult } from './prepared-writes';
import type { EntityType, Task } from './types';
import { issue } from './validation-issue';

export const taskWriteSchema = z.looseObject({
  id: z.number().int().optional(),
  responsible_user_id: z.number().int().optional(),
  entity_id: z.number().int().nullable().optional(),
  entity_type: z.enum(['leads', 'contacts', 'companies', 'customers']).nullable().optional(),
  is_completed: z.boolean().optional(),
  task_type_id: z.number().int().optional(),
  text: z.string().max(65_535).optional(),
  duration: z.number().int().min(0).optional(),
  complete_till: z.number().int().optional(),
  result: z.looseObject({ text: z.string() }).optional(),
  created_by: z.number().int().optional(),
  updated_by: z.number().int().optional(),
  created_at: z.number().int().optional(),
  updated_at: z.number().int().optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
});

/** Kommo shows the earliest open task's deadline on the entity (`closest_task_at`). */
export function refreshClosestTask(state: AccountState, type: EntityType, id: number): void {
  const entity = state.entities(type).get(id);
  if (!entity) return;
  let closest: number | null = null;
  for (const t of state.tasks.values()) {
    if (t.entityType === type && t.entityId === id && !t.isCompleted) {
      closest = closest === null ? t.completeTill : Math.min(closest, t.completeTill);
    }
  }
  entity.closestTaskAt = closest;
}

export function prepareTaskWrites(
  state: AccountState,
  items: unknown[],
  mode: 'create' | 'update',
  actorId: number,
): PreparedBatch {
  return prepareBatch(items, taskWriteSchema, (write, issues, requestId) => {
    let existing: Task | null = null;
    if (mode === 'update') {
      existing = write.id !== undefined ? (state.tasks.get(write.id) ?? null) : null;
      if (write.id === undefined) issues.push(issue.missing('id'));
      else if (!existing) issues.push(issue.notFound('id'));
      if (!existing) return null;
    } else {
      if (write.text === undefined || write.text === '') issues.push(issue.missing('text'));
      if (write.complete_till === undefined) issues.push(issue.missing('complete_till'));
    }
    if (write.responsible_user_id !== undefined && !state.users.has(write.responsible_user_id)) {
      issues.push(issue.choice('responsible_user_id'));
    }
    if (
      write.task_type_id !== undefined &&
      !state.taskTypes.some((t) => t.id === write.task_type_id)
    ) {
      issues.push(issue.choice('task_type_id'));
    }
    const entityType = write.entity_type === 'customers' ? null : write.entity_type;
    if (write.entity_id != null) {
      if (!write.entity_type) issues.push(issue.missing('entity_type'));
      else if (!entityType || !state.entities(entityType).has(write.entity_id)) {
        issues.push(issue.notFound('entity_id'));
      }
    }
    if (issues.length) return null;
    return (): WriteResult => {
      const now = state.now();
      // Both the old and the new entity of a task need their closest_task_at recomputed.
      const touched: [EntityType, number][] = [];
      const touch = (t: Task) => {
        if (t.entityType && t.entityId) touched.push([t.entityType, t.entityId]);
      };
      let task: Task;
      if (!existing) {
        const responsible = write.responsible_user_id ?? (actorId || state.account.currentUserId);
        task = {
          id: state.nextId('task'),
          createdBy: write.created_by ?? actorId,
          updatedBy: write.updated_by ?? actorId,
          createdAt: write.created_at ?? now,
          updatedAt: write.updated_at ?? now,
          responsibleUserId: responsible,
          groupId: state.users.get(responsible)?.groupId ?? 0,
          entityId: write.entity_id ?? null,
          entityType: entityType ?? null,
          duration: write.duration ?? 0,
          isCompleted: write.is_completed ?? false,
          taskTypeId: write.task_type_id ?? 1,
          text: write.text ?? '',
          result: write.result ? { id: state.nextId('note'), text: write.result.text } : null,
          completeTill: write.complete_till ?? now,
        };
        state.tasks.set(task.id, task);
        touch(task);
        state.emit({
          kind: 'task',
          action: 'add',
          task: { ...task },
          oldResponsibleUserId: null,
          actorId,
        });
      } else {
        task = existing;
        touch(task);
        const before = fingerprint(task);
        const oldResponsible = task.responsibleUserId;
        if (write.responsible_user_id !== undefined)
          task.responsibleUserId = write.responsible_user_id;
        if (write.entity_id !== undefined) task.entityId = write.entity_id;
        if (write.entity_type !== undefined) task.entityType = entityType ?? null;
        if (write.is_completed !== undefined) task.isCompleted = write.is_completed;
        if (write.task_type_id !== undefined) task.taskTypeId = write.task_type_id;
        if (write.text !== undefined) task.text = write.text;
        if (write.duration !== undefined) task.duration = write.duration;
        if (write.complete_till !== undefined) task.completeTill = write.complete_till;
        if (write.result !== undefined && write.result.text !== task.result?.text) {
          task.result = { id: state.nextId('note'), text: write.result.text };
        }
        if (fingerprint(task) !== before) {
          markUpdated(task, write.updated_at, now, actorId);
          const event = {
            kind: 'task',
            task: { ...task },
            oldResponsibleUserId: oldResponsible,
            actorId,
          } as const;
          if (oldResponsible !== task.responsibleUserId)
            state.emit({ ...event, action: 'responsible' });
          state.emit({ ...event, action: 'update' });
        }
        touch(task);
      }
      for (const [type, id] of touched) refreshClosestTask(state, type, id);
      return { id: task.id, requestId, updatedAt: task.updatedAt };
    };
  });
}
