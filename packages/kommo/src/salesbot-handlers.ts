/**
 * Handlers for continuing a paused Salesbot after a `widget_request` step. Limits from
 * https://developers.kommo.com/reference/salesbot-widget-block-execution-confirmation:
 * ≤ 10 handlers per call, a `show` value ≤ 80 characters.
 */
export const MAX_HANDLERS = 10;
export const MAX_SHOW_LENGTH = 80;

export type SalesbotHandler =
  | { handler: 'show'; params: { type: 'text'; value: string } }
  | { handler: 'goto'; params: { type: string; step: number } }
  | { handler: string; params: Record<string, unknown> };

/**
 * Splits a reply into pieces of ≤ `max` characters (code points, so emoji and Cyrillic are
 * never cut in half), breaking at whitespace where possible and inside a word only when one
 * word is longer than `max`. Line breaks inside a piece are kept.
 */
export function splitShowText(text: string, max = MAX_SHOW_LENGTH): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const piece = current.join('').trim();
    if (piece) pieces.push(piece);
    current = [];
  };
  for (const token of text.match(/\s+|\S+/g) ?? []) {
    const chars = Array.from(token);
    if (current.length + chars.length <= max) {
      current.push(...chars);
      continue;
    }
    flush();
    if (/^\s+$/.test(token)) continue;
    for (let i = 0; i < chars.length; i += max) {
      current = chars.slice(i, i + max);
      if (i + max < chars.length) flush();
    }
  }
  flush();
  return pieces;
}

/** Replaces each long `show` text handler with as many as it takes; other handlers pass as given. */
export function expandShowHandlers(handlers: readonly SalesbotHandler[]): SalesbotHandler[] {
  return handlers.flatMap((h): SalesbotHandler[] => {
    const params: Record<string, unknown> = h.params;
    const value = params['value'];
    if (h.handler !== 'show' || params['type'] !== 'text' || typeof value !== 'string') return [h];
    if (Array.from(value).length <= MAX_SHOW_LENGTH) return [h];
    return splitShowText(value).map((piece) => ({
      handler: 'show',
      params: { type: 'text', value: piece },
    }));
  });
}
