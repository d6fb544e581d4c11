/**
 * Everything the Kommo client throws on purpose. The app decides per class what to do:
 * re-auth (401), stop and surface (402/403), fix the input (400/422), reschedule (429/5xx/network
 * after our own retries), or page someone (contract: Kommo answered something we do not understand).
 * Error bodies are problem+json: https://developers.kommo.com/docs/errors
 */
export interface KommoErrorInit {
  status?: number;
  path: string;
  requestId?: string;
  cause?: unknown;
}

export class KommoError extends Error {
  override name = 'KommoError';
  readonly status: number | undefined;
  /** Request path (no host, no query), e.g. `/api/v4/leads`. */
  readonly path: string;
  /** Kommo's `trace_id`/request id when it sent one; quote it to Kommo support. */
  readonly requestId: string | undefined;

  constructor(message: string, init: KommoErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.path = init.path;
    this.requestId = init.requestId;
  }
}

/** 401 after one token refresh (or on the token endpoint): the integration needs re-auth. */
export class KommoUnauthorizedError extends KommoError {
  override name = 'KommoUnauthorizedError';
}

/** 403: the user lacks rights, or Kommo blocked our IP after repeated 429s. Retrying makes it worse. */
export class KommoForbiddenError extends KommoError {
  override name = 'KommoForbiddenError';
}

/** 402: the Kommo account is not paid. */
export class KommoPaymentRequiredError extends KommoError {
  override name = 'KommoPaymentRequiredError';
}

/** 404, or 204 where one entity was asked for by id (Kommo answers a missing id with 204). */
export class KommoNotFoundError extends KommoError {
  override name = 'KommoNotFoundError';
}

export interface KommoFieldError {
  code: string;
  /** Where in our request body, e.g. `custom_fields_values.0.values.0.value`. */
  path: string;
  detail: string;
  /** The `request_id` of the batch item it belongs to, when Kommo says. */
  requestId?: string;
}

/** 400/422 (or a request we refuse to send): the input is wrong, retrying the same one won't help. */
export class KommoValidationError extends KommoError {
  override name = 'KommoValidationError';
  readonly errors: KommoFieldError[];

  constructor(message: string, init: KommoErrorInit & { errors?: KommoFieldError[] }) {
    super(message, init);
    this.errors = init.errors ?? [];
  }
}

/** 429 after our retries, or a `retry_after` longer than we are willing to wait. */
export class KommoRateLimitedError extends KommoError {
  override name = 'KommoRateLimitedError';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: KommoErrorInit & { retryAfterMs?: number }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx after our retries. A 504 on a batch write means "send smaller batches" (API.md §2). */
export class KommoServerError extends KommoError {
  override name = 'KommoServerError';
}

/** Timeout, refused or reset connection, DNS failure — after our retries. */
export class KommoNetworkError extends KommoError {
  override name = 'KommoNetworkError';
}

/** A 2xx response that does not match our schema; the message names the JSON path. */
export class KommoContractError extends KommoError {
  override name = 'KommoContractError';
  readonly issues: string[];

  constructor(message: string, init: KommoErrorInit & { issues?: string[] }) {
    super(message, init);
    this.issues = init.issues ?? [];
  }
}
