import type { IncomingMessage } from 'node:http';
import { decodePhpForm } from '../webhooks/php-form';
import { problems } from './problem';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads a request body as JSON or (for the OAuth form posts and tolerant clients) PHP-style
 * form data. An empty body is `undefined`; a malformed one is a 400, as Kommo answers.
 * `jsonFirst` (admin API) reads JSON whatever the content type, for `curl -d '{…}'`.
 */
export async function readBody(
  req: IncomingMessage,
  opts: { jsonFirst?: boolean } = {},
): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw problems.badRequest('Request body is too large');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  const type = req.headers['content-type'] ?? '';
  const looksJson = /^\s*[[{]/.test(text);
  if (type.includes('application/x-www-form-urlencoded') && !(opts.jsonFirst && looksJson)) {
    return decodePhpForm(text);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.badRequest('Syntax error: the body is not valid JSON');
  }
}
