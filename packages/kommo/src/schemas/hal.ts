import { z } from 'zod';

/**
 * Kommo lists are HAL (`application/hal+json`): items under `_embedded.{key}`, paging in
 * `_page` and `_links.next.href`. An empty list is a 204 with no body, handled before parsing.
 * https://developers.kommo.com/docs/data-structure-and-pagination
 */
export interface HalPage<T> {
  items: T[];
  /** `_links.next.href`, absolute, on the account host. */
  next: string | undefined;
  /** False when the body had no `_links` at all: then only a full page suggests another one. */
  hasLinks: boolean;
}

export function halList<T extends z.ZodType>(key: string, item: T) {
  const embedded = z.looseObject({ [key]: z.array(item) });
  return z
    .looseObject({
      _links: z.looseObject({ next: z.looseObject({ href: z.string() }).optional() }).optional(),
      _embedded: embedded,
    })
    .transform((page): HalPage<z.output<T>> => ({
      items: page._embedded[key] ?? [],
      next: page._links?.next?.href,
      hasLinks: page._links !== undefined,
    }));
}

/** Kommo's usual answer to a batch write: `_embedded.{key}[]` with ids and our `request_id`s. */
export const writeResultSchema = z.looseObject({
  id: z.number(),
  request_id: z.union([z.string(), z.number()]).transform(String).optional(),
  updated_at: z.number().optional(),
});
export type WriteResult = z.output<typeof writeResultSchema>;
