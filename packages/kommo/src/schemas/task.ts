import { z } from 'zod';

/** https://developers.kommo.com/reference/tasks-list */
export const taskSchema = z.looseObject({
  id: z.number(),
  created_by: z.number().nullish(),
  updated_by: z.number().nullish(),
  created_at: z.number(),
  updated_at: z.number(),
  responsible_user_id: z.number().nullish(),
  group_id: z.number().nullish(),
  entity_id: z.number().nullish(),
  entity_type: z.string().nullish(),
  duration: z.number().nullish(),
  is_completed: z.boolean(),
  /** 1 follow-up, 2 meeting; custom types come from `getAccount({ with: ['task_types'] })`. */
  task_type_id: z.number().nullish(),
  text: z.string().nullish(),
  // PHP serialises an empty result as `[]` instead of an object or null.
  result: z
    .union([z.looseObject({ text: z.string().nullish() }), z.array(z.unknown())])
    .nullish()
    .transform((r) => (Array.isArray(r) || r == null ? null : r)),
  complete_till: z.number(),
  account_id: z.number().nullish(),
});
export type Task = z.output<typeof taskSchema>;

export type TaskEntityType = 'leads' | 'contacts' | 'companies' | 'customers';

export interface TaskInput {
  /** Required by Kommo on create, like `complete_till`. */
  text: string;
  /** Unix seconds. */
  complete_till: number;
  responsible_user_id?: number;
  entity_id?: number;
  entity_type?: TaskEntityType;
  task_type_id?: number;
  duration?: number;
  request_id?: string;
}

export type TaskPatch = Partial<TaskInput> & {
  id: number;
  is_completed?: boolean;
  result?: { text: string };
};
