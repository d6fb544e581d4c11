import type { TaskList } from 'graphile-worker';
import { jobs } from '@leadpilot/domain/jobs/definitions';
import type { TaskDefinition, TaskDeps } from './define-task';
import { activityRetentionTask } from './tasks/activity-retention';
import { cleanupAuthTask } from './tasks/cleanup-auth';
import { domainEventTask } from './tasks/domain-event';
import { kommoLeadRefreshTask } from './tasks/kommo-lead-refresh';
import { kommoSyncAllTask } from './tasks/kommo-sync-all';
import { kommoSyncTask } from './tasks/kommo-sync';
import { kommoWebhooksSweepTask } from './tasks/kommo-webhooks-sweep';
import { kommoWebhooksTask } from './tasks/kommo-webhooks';

/** Every task the worker runs, one file each in ./tasks. */
export const taskDefinitions: TaskDefinition[] = [
  cleanupAuthTask,
  kommoSyncTask,
  kommoSyncAllTask,
  domainEventTask,
  kommoWebhooksTask,
  kommoWebhooksSweepTask,
  kommoLeadRefreshTask,
  activityRetentionTask,
];

export function buildTaskList(deps: TaskDeps, definitions = taskDefinitions): TaskList {
  const list: TaskList = {};
  for (const def of definitions) list[def.identifier] = def.task(deps);
  return list;
}

/** Recurring jobs (graphile-worker crontab syntax, UTC). */
export function crontab(options: { kommoSync: string; activityRetentionDays: number }): string {
  return [
    `0 * * * * ${jobs.cleanupAuth.id}`,
    `${options.kommoSync} ${jobs.kommoSyncAll.id}`,
    `17 * * * * ${jobs.activityRetention.id} {olderThanDays:${options.activityRetentionDays}}`,
    `* * * * * ${jobs.kommoWebhooksSweep.id}`,
  ].join('\n');
}
