import type { TaskList } from 'graphile-worker';
import type { Db } from '@leadpilot/db/client';
import type { Logger } from '@leadpilot/runtime/logger';
import { jobs } from '@leadpilot/domain/jobs/definitions';
import type { TaskDefinition } from './define-task';
import { cleanupAuthTask } from './tasks/cleanup-auth';

/** Every task the worker runs, one file each in ./tasks. */
export const taskDefinitions: TaskDefinition[] = [cleanupAuthTask];

export function buildTaskList(
  deps: { db: Db; log: Logger },
  definitions = taskDefinitions,
): TaskList {
  const list: TaskList = {};
  for (const def of definitions) list[def.identifier] = def.task(deps);
  return list;
}

/** Recurring jobs (graphile-worker crontab syntax). */
export const crontab = [`0 * * * * ${jobs.cleanupAuth.id}`].join('\n');
