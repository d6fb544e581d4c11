import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorContext } from '../context';
import type { PhpFormObject } from '../webhooks/php-form';

/** One authorised API request, as handlers see it. */
export interface ApiCall {
  ctx: EmulatorContext;
  method: string;
  /** Full path, e.g. '/api/v4/leads/123'. */
  path: string;
  url: URL;
  /** The query decoded PHP-style: `filter[id][]=1` → { filter: { id: { 0: '1' } } }. */
  query: PhpFormObject;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The user the token belongs to: the actor of every write. */
  userId: number;
}

/** Absolute link to an API path on this emulator, as Kommo's `_links.self.href`. */
export const apiLink = (call: ApiCall, path: string) => `${call.ctx.url()}/api/v4${path}`;
