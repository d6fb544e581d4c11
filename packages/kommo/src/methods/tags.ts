import { writeInBatches } from '../batch';
import { collect, paginate } from '../paginate';
import { MAX_PAGE_SIZE } from '../query';
import { halList } from '../schemas/hal';
import { tagSchema } from '../schemas/tag';
import type { Request, RequestSpec } from '../transport';
import { requireData } from './entity-methods';

const tagList = halList('tags', tagSchema.extend({ request_id: tagSchema.shape.name.optional() }));

type TagEntity = 'leads' | 'contacts' | 'companies' | 'customers';

/** https://developers.kommo.com/reference/tags-list — tags are per entity type. */
export function tagMethods(request: Request) {
  return {
    listTags: (entity: TagEntity, options: { query?: string } = {}) =>
      collect(
        paginate(request, `/api/v4/${entity}/tags`, tagList, { limit: MAX_PAGE_SIZE, ...options }),
      ),
    addTags: (
      entity: TagEntity,
      tags: readonly { name: string; color?: string; request_id?: string }[],
    ) =>
      writeInBatches(tags, async (chunk, { failFastOn504 }) => {
        const spec: RequestSpec = {
          method: 'POST',
          path: `/api/v4/${entity}/tags`,
          body: chunk,
          failFastOn504,
        };
        return requireData(await request(spec, tagList), spec).items;
      }),
  };
}
