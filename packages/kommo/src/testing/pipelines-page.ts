import { halPage, type Reply } from './scripted-server';

const pipeline = {
  id: 1,
  name: 'Sales',
  sort: 1,
  is_main: true,
  _embedded: {
    statuses: [{ id: 142, name: 'Won', sort: 10000, is_editable: false, pipeline_id: 1, type: 0 }],
  },
};

/** A valid answer to `listPipelines()` (one pipeline), for tests about what happens around it. */
export const pipelinesPage: Reply = { status: 200, json: halPage('pipelines', [pipeline]) };
