import { collect, paginate } from '../paginate';
import { buildQuery, MAX_PAGE_SIZE } from '../query';
import { accountSchema, type AccountWith } from '../schemas/account';
import { type CustomFieldEntity, customFieldSchema } from '../schemas/custom-field';
import { halList } from '../schemas/hal';
import { pipelineSchema } from '../schemas/pipeline';
import { sourceSchema } from '../schemas/source';
import { userSchema, type UserWith } from '../schemas/user';
import type { Request } from '../transport';
import { getOne } from './entity-methods';

const pipelineList = halList('pipelines', pipelineSchema);
const customFieldList = halList('custom_fields', customFieldSchema);
const sourceList = halList('sources', sourceSchema);
const userList = halList('users', userSchema);
const CUSTOM_FIELDS_PAGE = 50;

/**
 * The account and its settings: small lists read whole (every page), since the app caches them.
 * Custom fields are read 50 a page: Kommo may cap them at 50 (API.md §3, unsure), and 50 works
 * under either reading.
 */
export function accountMethods(request: Request) {
  const listCustomFields = (entity: CustomFieldEntity) =>
    collect(
      paginate(request, `/api/v4/${entity}/custom_fields`, customFieldList, {
        limit: CUSTOM_FIELDS_PAGE,
      }),
    );

  return {
    /** https://developers.kommo.com/reference/account-parameters */
    getAccount: (options: { with?: readonly AccountWith[] } = {}) =>
      getOne(
        request,
        { method: 'GET', path: '/api/v4/account', query: buildQuery(options) },
        accountSchema,
      ),
    /** ≤ 50 pipelines, each with its stages (142 won, 143 lost). */
    listPipelines: () => collect(paginate(request, '/api/v4/leads/pipelines', pipelineList)),
    listCustomFields,
    listLeadCustomFields: () => listCustomFields('leads'),
    listContactCustomFields: () => listCustomFields('contacts'),
    listCompanyCustomFields: () => listCustomFields('companies'),
    /** The integration's own sources; `[]` when it has none (204). */
    listSources: () => collect(paginate(request, '/api/v4/sources', sourceList)),
    /** Admin only: a non-admin token gets `KommoForbiddenError`. */
    listUsers: (options: { with?: readonly UserWith[] } = {}) =>
      collect(paginate(request, '/api/v4/users', userList, { limit: MAX_PAGE_SIZE, ...options })),
  };
}
