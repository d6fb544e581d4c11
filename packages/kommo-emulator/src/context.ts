import type { FaultQueue } from './limits/faults';
import type { RateLimiter } from './limits/rate-limiter';
import type { RequestLog } from './http/request-log';
import type { AccountState } from './model/account-state';
import type { TokenStore } from './oauth/token-store';
import type { WebhookDispatcher } from './webhooks/dispatcher';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri?: string | undefined;
}

/** What every handler of the emulator may use; built once in emulator.ts. */
export interface EmulatorContext {
  state: AccountState;
  tokens: TokenStore;
  faults: FaultQueue;
  limiter: RateLimiter;
  log: RequestLog;
  webhooks: WebhookDispatcher;
  clients: OAuthClient[];
  autoApprove: boolean;
  latencyMs: number;
  /** 'http://localhost:PORT' once started. */
  url: () => string;
  /** 'localhost:PORT': the account host, sent as `referer`. */
  host: () => string;
}
