import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { readBody } from '../http/read-body';
import { redirect, sendHtml } from '../http/respond';
import { consentPage, errorPage } from './consent-page';

const CONSENT_TTL_MS = 20 * 60 * 1000;

const authorizeQuery = z.object({
  client_id: z.string().min(1),
  state: z.string().optional(),
  mode: z.enum(['popup', 'post_message']).optional(),
  redirect_uri: z.url().optional(),
  auto: z.string().optional(),
});

const decisionBody = z.object({
  consent_id: z.string().min(1),
  decision: z.enum(['allow', 'deny']),
});

interface PendingConsent {
  clientId: string;
  state: string | undefined;
  redirectUri: string;
  expiresAt: number;
}

/**
 * The consent flow: `GET /oauth` shows the page (or, with autoApprove / `auto=1`, decides at
 * once), `POST /oauth/decision` redirects back with `code, referer, state, client_id` or
 * `error=access_denied`. The page keeps the request server-side behind an id, so the form
 * carries nothing a visitor could tamper with. Both `popup` and `post_message` redirect inside
 * the window the page is in; what the client's page does next is its business.
 */
export class OAuthPages {
  private readonly pending = new Map<string, PendingConsent>();

  constructor(private readonly ctx: EmulatorContext) {}

  authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const parsed = authorizeQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      sendHtml(
        res,
        400,
        errorPage('Invalid request', 'client_id is required; redirect_uri must be a URL.'),
      );
      return;
    }
    const q = parsed.data;
    const client = this.ctx.clients.find((c) => c.clientId === q.client_id);
    if (!client) {
      sendHtml(
        res,
        400,
        errorPage('Integration not found', `No integration with client_id "${q.client_id}".`),
      );
      return;
    }
    if (client.redirectUri && q.redirect_uri && q.redirect_uri !== client.redirectUri) {
      sendHtml(
        res,
        400,
        errorPage('Redirect URI mismatch', 'redirect_uri differs from the integration settings.'),
      );
      return;
    }
    const redirectUri = q.redirect_uri ?? client.redirectUri;
    if (!redirectUri) {
      sendHtml(res, 400, errorPage('Redirect URI missing', 'The integration has no redirect URI.'));
      return;
    }
    const consent = {
      clientId: client.clientId,
      state: q.state,
      redirectUri,
      expiresAt: Date.now() + CONSENT_TTL_MS,
    };
    if (this.ctx.autoApprove || q.auto === '1') {
      redirect(res, this.allowUrl(consent));
      return;
    }
    const consentId = randomBytes(16).toString('hex');
    this.pending.set(consentId, consent);
    const user = this.ctx.state.users.get(this.ctx.state.account.currentUserId);
    sendHtml(
      res,
      200,
      consentPage({
        appName: 'Leadpilot',
        accountName: this.ctx.state.account.name,
        host: this.ctx.host(),
        userName: user?.name ?? 'Administrator',
        consentId,
      }),
    );
  }

  async decide(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = decisionBody.safeParse(await readBody(req));
    const consent = parsed.success ? this.pending.get(parsed.data.consent_id) : undefined;
    if (!parsed.success || !consent || consent.expiresAt <= Date.now()) {
      sendHtml(
        res,
        400,
        errorPage('This request has expired', 'Start connecting the integration again.'),
      );
      return;
    }
    this.pending.delete(parsed.data.consent_id);
    if (parsed.data.decision === 'allow') {
      redirect(res, this.allowUrl(consent));
      return;
    }
    const target = new URL(consent.redirectUri);
    target.searchParams.set('error', 'access_denied');
    if (consent.state !== undefined) target.searchParams.set('state', consent.state);
    redirect(res, target.toString());
  }

  private allowUrl(consent: PendingConsent): string {
    const code = this.ctx.tokens.issueCode(
      consent.clientId,
      consent.redirectUri,
      this.ctx.state.account.currentUserId,
    );
    const target = new URL(consent.redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('referer', this.ctx.host());
    // Kommo omits `state` when none was sent (API.md §1).
    if (consent.state !== undefined) target.searchParams.set('state', consent.state);
    target.searchParams.set('client_id', consent.clientId);
    return target.toString();
  }
}
