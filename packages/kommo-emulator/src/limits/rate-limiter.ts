/**
 * Kommo's limit: at most N requests per second per account (API.md §2). Every attempt counts,
 * rejected ones included — Kommo counts attempts, so a client that hammers stays locked out.
 * Windows slide: any 1,000 ms, not calendar seconds.
 */
export class RateLimiter {
  private attempts: number[] = [];
  private accepted: number[] = [];
  requests = 0;
  rateLimited = 0;
  maxInAnySecond = 0;

  constructor(private readonly perSecond: number | null) {}

  /** Registers an API request; says whether it may proceed and, if not, when to retry. */
  attempt(now = performance.now()): { allowed: true } | { allowed: false; retryAfter: number } {
    this.requests++;
    this.attempts = this.attempts.filter((t) => now - t < 1000);
    if (this.perSecond !== null && this.attempts.length >= this.perSecond) {
      this.attempts.push(now);
      this.rateLimited++;
      return { allowed: false, retryAfter: 1 };
    }
    this.attempts.push(now);
    this.accepted = this.accepted.filter((t) => now - t < 1000);
    this.accepted.push(now);
    this.maxInAnySecond = Math.max(this.maxInAnySecond, this.accepted.length);
    return { allowed: true };
  }

  stats(): { requests: number; rateLimited: number; maxInAnySecond: number } {
    return {
      requests: this.requests,
      rateLimited: this.rateLimited,
      maxInAnySecond: this.maxInAnySecond,
    };
  }
}
