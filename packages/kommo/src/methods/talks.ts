import { talkSchema } from '../schemas/talk';
import type { Request } from '../transport';
import { getOne } from './entity-methods';

/** https://developers.kommo.com/reference/talks — metadata only, never the message text. */
export function talkMethods(request: Request) {
  return {
    getTalk: (id: number) =>
      getOne(request, { method: 'GET', path: `/api/v4/talks/${id}` }, talkSchema),
  };
}
