import { z } from 'zod';

/** Every pipeline has these system stages with the same ids everywhere (API.md §3). */
export const STATUS_WON = 142;
export const STATUS_LOST = 143;

/** https://developers.kommo.com/reference/pipelines-list */
export const statusSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_editable: z.boolean(),
  pipeline_id: z.number(),
  color: z.string().nullish(),
  /** 1 = incoming (unsorted), 0 = regular. */
  type: z.number(),
});
export type PipelineStatus = z.output<typeof statusSchema>;

export const pipelineSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_main: z.boolean(),
  is_unsorted_on: z.boolean().nullish(),
  is_archive: z.boolean().nullish(),
  account_id: z.number().nullish(),
  _embedded: z.looseObject({ statuses: z.array(statusSchema) }),
});
export type Pipeline = z.output<typeof pipelineSchema>;
