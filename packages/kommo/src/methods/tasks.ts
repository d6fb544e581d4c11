import { paginate } from '../paginate';
import { MAX_PAGE_SIZE } from '../query';
import { halList, writeResultSchema } from '../schemas/hal';
import { type TaskInput, type TaskPatch, taskSchema } from '../schemas/task';
import type { Request, RequestSpec } from '../transport';
import { batchWrite, listPage, type ListOptions, requireData } from './entity-methods';

const taskList = halList('tasks', taskSchema);

/**
 * https://developers.kommo.com/reference/tasks-list — filters: `responsible_user_id`,
 * `is_completed`, `task_type`, `entity_type`, `entity_id`, `id`, `updated_at`.
 */
export function taskMethods(request: Request) {
  return {
    listTasks: (options: ListOptions<never> = {}) =>
      listPage(request, '/api/v4/tasks', taskList, options),
    iterateTasks: (options: ListOptions<never> = {}) =>
      paginate(request, '/api/v4/tasks', taskList, { limit: MAX_PAGE_SIZE, ...options }),
    createTasks: (tasks: readonly TaskInput[]) =>
      batchWrite(request, 'POST', '/api/v4/tasks', 'tasks', tasks),
    updateTasks: (patches: readonly TaskPatch[]) =>
      batchWrite(request, 'PATCH', '/api/v4/tasks', 'tasks', patches),
    /** Closes a task with a result text (shown in the entity's feed). */
    completeTask: async (id: number, resultText: string) => {
      const spec: RequestSpec = {
        method: 'PATCH',
        path: `/api/v4/tasks/${id}`,
        body: { is_completed: true, result: { text: resultText } },
      };
      return requireData(await request(spec, writeResultSchema), spec);
    },
  };
}
