import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createAdminHandler } from './admin/admin-handler';
import { createApiHandler } from './api/api-handler';
import type { EmulatorContext, OAuthClient } from './context';
import { createDemoAccount } from './fixtures/demo-account';
import { HttpProblem, problems } from './http/problem';
import { RequestLog, type RecordedRequest, type RecordedWrite } from './http/request-log';
import { sendHtml, sendProblem } from './http/respond';
import { FaultQueue, type Fault } from './limits/faults';
import { RateLimiter } from './limits/rate-limiter';
import { AccountState } from './model/account-state';
import type { AccountFixture } from './model/fixture';
import { OAuthPages } from './oauth/oauth-routes';
import { handleTokenRequest } from './oauth/token-endpoint';
import { TokenStore } from './oauth/token-store';
import { landingPage } from './landing-page';
import {
  simulateCall,
  simulateIncomingMessage,
  simulateStageChange,
  simulateTask,
} from './simulate/simulations';
import { WebhookDispatcher, type WebhookDelivery } from './webhooks/dispatcher';

export type { Fault };

export interface EmulatorOptions {
  /** 0/undefined = a free port. */
  port?: number;
  /** Listen address, default '127.0.0.1'. */
  hostname?: string;
  /** Default: the built-in demo account. */
  fixture?: AccountFixture;
  /** OAuth apps; any redirect_uri is accepted when `redirectUri` is unset. */
  clients?: OAuthClient[];
  /** The consent page redirects at once (tests). */
  autoApprove?: boolean;
  /** Default 86400. */
  accessTokenTtlSeconds?: number;
  /** Default 7; null disables the limit. */
  rateLimitPerSecond?: number | null;
  /** Added to every API response, default 0. */
  latencyMs?: number;
}

export interface KommoEmulator {
  start(): Promise<{ url: string; host: string }>;
  stop(): Promise<void>;
  readonly url: string;
  readonly host: string;
  account: AccountState;
  faults: { inject(fault: Fault): void; clear(): void; pending(): Fault[] };
  tokens: { expireAll(): void; revokeAll(): void; issueLongLived(days?: number): string };
  stats(): { requests: number; rateLimited: number; maxInAnySecond: number };
  requests(): RecordedRequest[];
  writes(): RecordedWrite[];
  /** Every webhook delivery attempt (destination, body, status). */
  deliveries(): WebhookDelivery[];
  /** Resolves when every webhook caused so far has been answered or has failed. */
  webhooksSettled(): Promise<void>;
  simulate: {
    incomingMessage(i: {
      leadId?: number;
      contactId?: number;
      text: string;
      origin?: string;
      authorName?: string;
    }): Promise<void>;
    call(i: {
      direction: 'inbound' | 'outbound';
      phone: string;
      duration: number;
      status?: number;
      leadId?: number;
      responsibleUserId?: number;
    }): Promise<void>;
    task(i: {
      leadId: number;
      text: string;
      responsibleUserId?: number;
      completeTill?: number;
    }): Promise<void>;
    stageChange(i: { leadId: number; statusId: number; pipelineId?: number }): Promise<void>;
  };
}

const DEFAULT_CLIENTS: OAuthClient[] = [
  { clientId: 'leadpilot-demo', clientSecret: 'leadpilot-demo-secret' },
];

/** A stand-in Kommo account over HTTP: OAuth, REST v4, limits, faults and webhooks. */
export function createKommoEmulator(options: EmulatorOptions = {}): KommoEmulator {
  const state = new AccountState(options.fixture ?? createDemoAccount());
  let url = '';
  let host = '';
  const faults = new FaultQueue();
  const tokens = new TokenStore({
    accessTtlSeconds: options.accessTokenTtlSeconds ?? 86_400,
    accountId: state.account.id,
    host: () => host,
  });
  const webhooks = new WebhookDispatcher(state, () => url);
  const ctx: EmulatorContext = {
    state,
    tokens,
    faults,
    limiter: new RateLimiter(
      options.rateLimitPerSecond === undefined ? 7 : options.rateLimitPerSecond,
    ),
    log: new RequestLog(),
    webhooks,
    clients: options.clients ?? DEFAULT_CLIENTS,
    autoApprove: options.autoApprove ?? false,
    latencyMs: options.latencyMs ?? 0,
    url: () => url,
    host: () => host,
  };

  // Each simulation changes the account, then waits until its webhooks have been delivered.
  const settle = async <T>(run: () => T): Promise<void> => {
    run();
    await webhooks.settled();
  };

  const emulator: KommoEmulator = {
    get url() {
      return url;
    },
    get host() {
      return host;
    },
    account: state,
    faults: {
      inject: (f) => faults.inject(f),
      clear: () => faults.clear(),
      pending: () => faults.pending(),
    },
    tokens: {
      expireAll: () => tokens.expireAll(),
      revokeAll: () => tokens.revokeAll(),
      issueLongLived: (days = 365) => tokens.issueLongLived(state.account.currentUserId, days),
    },
    stats: () => ctx.limiter.stats(),
    requests: () => ctx.log.requests.map((r) => ({ ...r })),
    writes: () => [...ctx.log.writes],
    deliveries: () => webhooks.deliveries(),
    webhooksSettled: () => webhooks.settled(),
    simulate: {
      incomingMessage: (i) => settle(() => simulateIncomingMessage(state, i)),
      call: (i) => settle(() => simulateCall(state, i)),
      task: (i) => settle(() => simulateTask(state, i)),
      stageChange: (i) => settle(() => simulateStageChange(state, i)),
    },
    start: () => listen(),
    stop: () => close(),
  };

  const api = createApiHandler(ctx);
  const oauth = new OAuthPages(ctx);
  const admin = createAdminHandler(emulator);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reqUrl = new URL(req.url ?? '/', 'http://localhost');
    const path = reqUrl.pathname;
    const method = req.method ?? 'GET';
    try {
      if (path.startsWith('/api/')) return await api(req, res, reqUrl);
      if (path.startsWith('/_emulator/')) return await admin(req, res, reqUrl);
      if (path === '/oauth2/access_token' && method === 'POST') {
        return await handleTokenRequest(ctx, req, res, path);
      }
      if (path === '/oauth' && method === 'GET') return oauth.authorize(req, res, reqUrl);
      if (path === '/oauth/decision' && method === 'POST') return await oauth.decide(req, res);
      if (path === '/' && method === 'GET') return sendHtml(res, 200, landingPage(state, url));
      sendProblem(res, problems.notFound());
    } catch (err) {
      if (err instanceof HttpProblem) return sendProblem(res, err);
      console.error('[kommo-emulator] request failed', err);
      sendProblem(res, problems.serverError());
    }
  }

  const server = createServer((req, res) => void handle(req, res));

  async function listen(): Promise<{ url: string; host: string }> {
    if (server.listening) return { url, host };
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    url = `http://localhost:${port}`;
    host = `localhost:${port}`;
    webhooks.start();
    return { url, host };
  }

  async function close(): Promise<void> {
    await webhooks.stop();
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Requests held open by a 'timeout' fault (and keep-alive sockets) end here.
    server.closeAllConnections();
    await closed;
  }

  return emulator;
}
