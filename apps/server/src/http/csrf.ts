import type { IncomingMessage } from 'node:http';
import { selfOrigin } from './request-info';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for every state-changing request (on top of SameSite=Lax
 * cookies). Browsers send `Origin` on every cross-origin POST and on same-origin fetches: it must be
 * this app's own origin (or APP_URL). A request with no Origin is refused when the browser says it is
 * cross-site (Sec-Fetch-Site); one with neither header is not from a browser, so it carries no
 * ambient cookies an attacker could ride and is let through (API clients, curl).
 * Returns a reason to refuse, or null.
 */
export function csrfRejection(
  req: IncomingMessage,
  options: { trustProxy: boolean; appOrigin?: string | undefined },
): string | null {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const allowed = [selfOrigin(req, options.trustProxy), options.appOrigin].filter(Boolean);
    return allowed.includes(origin)
      ? null
      : `Cross-site request refused: Origin ${origin} is not allowed.`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return 'Cross-site request refused.';
  return null;
}
