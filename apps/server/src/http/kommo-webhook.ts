import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver } from '@leadpilot/domain/webhooks/receive-webhook';

const WEBHOOK_PATH = /^\/webhooks\/kommo\/([^/]+)\/([^/]+)$/;

/** The access log must never show the secret in `/webhooks/kommo/<integration>/<secret>`. */
export function redactWebhookUrl(url: string): string {
  return url.replace(/^(\/webhooks\/kommo\/[^/?]+\/)(?!revoked\b)[^/?]+/, '$1[redacted]');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(JSON.stringify(body));
}

/** Reads the body up to `maxBytes`; null when it is larger (the rest is discarded unread). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.off('end', onEnd);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * `POST /webhooks/kommo/<integration>/<secret>` (the URL connect registers in Kommo). Answers
 * 200 only once the delivery is committed; 404 unknown/wrong secret, 403 another account,
 * 413 too large, 400 malformed (kept as `rejected`), 503 when the database is unavailable.
 * Returns false for paths that are not a webhook URL.
 */
export function kommoWebhookHandler(options: { receiver: WebhookReceiver; maxBytes: number }) {
  const { receiver, maxBytes } = options;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const match = WEBHOOK_PATH.exec(pathname);
    if (!match || match[2] === 'revoked') return false;
    if (req.method !== 'POST') {
      send(res, 405, { error: { message: 'Kommo webhooks are POSTed.' } }, { Allow: 'POST' });
      return true;
    }
    const body = await readBody(req, maxBytes);
    if (body === null) {
      // Close the connection: the rest of the body is not read.
      send(
        res,
        413,
        { error: { message: `The body is larger than ${maxBytes} bytes.` } },
        { Connection: 'close' },
      );
      req.resume();
      return true;
    }
    const outcome = await receiver.receive({
      // Raw, not percent-decoded: ids and secrets are [A-Za-z0-9_-], anything else is a miss.
      integrationId: match[1]!,
      secret: match[2]!,
      body,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
    });
    switch (outcome.status) {
      case 200:
        send(res, 200, { ok: true, duplicate: outcome.result === 'duplicate' });
        break;
      case 404:
        send(res, 404, { error: { message: 'Not found.' } });
        break;
      default:
        send(
          res,
          outcome.status,
          { error: { message: outcome.reason } },
          outcome.status === 503 ? { 'Retry-After': '5' } : {},
        );
    }
    return true;
  };
}
