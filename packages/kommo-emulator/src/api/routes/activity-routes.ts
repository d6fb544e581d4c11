import { problems } from '../../http/problem';
import { prepareNoteWrites } from '../../model/note-writes';
import { prepareTaskWrites } from '../../model/task-writes';
import type { EntityType, Note, Task } from '../../model/types';
import { type ApiCall, apiLink } from '../api-call';
import { applyBatch, batchItems, singleItem } from '../batch-write';
import { applyModifiedSince, sortEntities } from '../entity-filters';
import { halPage } from '../paging';
import { field, inRange, listOf, numbersOf, rangeOf, stringOf } from '../query-params';
import { noteJson, taskJson } from '../serialize-activity';
import type { ApiRouter } from './api-router';

const link = (call: ApiCall) => (p: string) => apiLink(call, p);

function filterTasks(call: ApiCall, tasks: Iterable<Task>): Task[] {
  const f = call.query.filter;
  const ids = numbersOf(field(f, 'id'));
  const completed = stringOf(field(f, 'is_completed'));
  const entityTypes = listOf(field(f, 'entity_type'));
  const entityIds = numbersOf(field(f, 'entity_id'));
  const responsible = numbersOf(field(f, 'responsible_user_id'));
  const taskTypes = numbersOf(field(f, 'task_type'));
  const updated = rangeOf(field(f, 'updated_at'));
  const out: Task[] = [];
  for (const t of tasks) {
    if (ids && !ids.includes(t.id)) continue;
    if (completed !== undefined && t.isCompleted !== (completed === '1' || completed === 'true'))
      continue;
    if (entityTypes.length && !entityTypes.includes(t.entityType ?? '')) continue;
    if (entityIds && (t.entityId === null || !entityIds.includes(t.entityId))) continue;
    if (responsible && !responsible.includes(t.responsibleUserId)) continue;
    if (taskTypes && !taskTypes.includes(t.taskTypeId)) continue;
    if (!inRange(t.updatedAt, updated)) continue;
    out.push(t);
  }
  // Tasks also sort by deadline (`order[complete_till]`), which entity lists do not offer.
  const order = typeof call.query.order === 'object' ? call.query.order : {};
  if (order.complete_till === 'asc' || order.complete_till === 'desc') {
    const sign = order.complete_till === 'asc' ? 1 : -1;
    return out.sort((a, b) => sign * (a.completeTill - b.completeTill) || a.id - b.id);
  }
  return sortEntities(call, out);
}

function filterNotes(call: ApiCall, notes: Note[]): Note[] {
  const f = call.query.filter;
  const ids = numbersOf(field(f, 'id'));
  const entityIds = numbersOf(field(f, 'entity_id'));
  const types = listOf(field(f, 'note_type'));
  const updated = rangeOf(field(f, 'updated_at'));
  return sortEntities(
    call,
    notes.filter(
      (n) =>
        (!ids || ids.includes(n.id)) &&
        (!entityIds || entityIds.includes(n.entityId)) &&
        (!types.length || types.includes(n.noteType)) &&
        inRange(n.updatedAt, updated),
    ),
  );
}

/** Tasks and notes. */
export function registerActivityRoutes(router: ApiRouter): void {
  router.on('GET', '/api/v4/tasks', (call) => {
    const tasks = applyModifiedSince(call, filterTasks(call, call.ctx.state.tasks.values()));
    return halPage(call, 'tasks', tasks, (t) => taskJson(call.ctx.state, t, link(call)));
  });
  router.on('GET', '/api/v4/tasks/:id', (call, params) => {
    const task = call.ctx.state.tasks.get(Number(params.id));
    if (!task) throw problems.notFound();
    return { status: 200, body: taskJson(call.ctx.state, task, link(call)) };
  });
  router.on('POST', '/api/v4/tasks', (call) =>
    applyBatch(
      call,
      'tasks',
      prepareTaskWrites(call.ctx.state, batchItems(call), 'create', call.userId),
    ),
  );
  router.on('PATCH', '/api/v4/tasks', (call) =>
    applyBatch(
      call,
      'tasks',
      prepareTaskWrites(call.ctx.state, batchItems(call), 'update', call.userId),
      {
        updatedAt: true,
      },
    ),
  );
  router.on('PATCH', '/api/v4/tasks/:id', (call, params) => {
    const id = Number(params.id);
    if (!call.ctx.state.tasks.has(id)) throw problems.notFound();
    const prepared = prepareTaskWrites(call.ctx.state, singleItem(call, id), 'update', call.userId);
    return applyBatch(call, 'tasks', prepared, { updatedAt: true, single: true });
  });

  for (const type of ['leads', 'contacts', 'companies'] satisfies EntityType[]) {
    const notesOf = (call: ApiCall, entityId?: number) =>
      [...call.ctx.state.notes.values()].filter(
        (n) => n.entityType === type && (entityId === undefined || n.entityId === entityId),
      );
    const list = (call: ApiCall, entityId?: number) => {
      const notes = applyModifiedSince(call, filterNotes(call, notesOf(call, entityId)));
      return halPage(call, 'notes', notes, (n) => noteJson(call.ctx.state, n, link(call)));
    };
    router.on('GET', `/api/v4/${type}/notes`, (call) => list(call));
    router.on('GET', `/api/v4/${type}/:id/notes`, (call, params) => {
      const entity = call.ctx.state.entities(type).get(Number(params.id));
      if (!entity) throw problems.notFound();
      return list(call, entity.id);
    });
    router.on('GET', `/api/v4/${type}/notes/:id`, (call, params) => {
      const note = call.ctx.state.notes.get(Number(params.id));
      if (!note || note.entityType !== type) throw problems.notFound();
      return { status: 200, body: noteJson(call.ctx.state, note, link(call)) };
    });
    router.on('POST', `/api/v4/${type}/notes`, (call) =>
      applyBatch(
        call,
        'notes',
        prepareNoteWrites(call.ctx.state, type, batchItems(call), call.userId),
      ),
    );
    router.on('POST', `/api/v4/${type}/:id/notes`, (call, params) => {
      const entityId = Number(params.id);
      if (!call.ctx.state.entities(type).has(entityId)) throw problems.notFound();
      return applyBatch(
        call,
        'notes',
        prepareNoteWrites(call.ctx.state, type, batchItems(call), call.userId, entityId),
      );
    });
  }
}
