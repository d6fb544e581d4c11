import { z } from 'zod';

export const faultSchema = z.strictObject({
  kind: z.enum(['429', '500', '502', '504', 'timeout', '401', '402', '403']),
  /** How many matching requests it answers; default 1. */
  count: z.number().int().positive().optional(),
  /** Path prefix, e.g. '/api/v4/leads'. Without one it matches any /api/ request. */
  path: z.string().startsWith('/').optional(),
  /** Seconds, for 429. */
  retryAfter: z.number().int().min(0).optional(),
  /** 429 body as problem+json (default) or plain text. */
  json: z.boolean().optional(),
});
export type Fault = z.infer<typeof faultSchema>;

/**
 * Injected failures, consumed one per matching request in the order they were injected. A
 * fault with a path may also target the OAuth token endpoint (`/oauth2/access_token`), to test
 * a client that loses a refresh answer.
 */
export class FaultQueue {
  private queue: { fault: Fault; left: number }[] = [];

  inject(fault: Fault): void {
    this.queue.push({ fault: faultSchema.parse(fault), left: fault.count ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  pending(): Fault[] {
    return this.queue.map((q) => ({ ...q.fault, count: q.left }));
  }

  take(path: string): Fault | null {
    const entry = this.queue.find((q) =>
      q.fault.path ? path.startsWith(q.fault.path) : path.startsWith('/api/'),
    );
    if (!entry) return null;
    entry.left--;
    if (entry.left <= 0) this.queue.splice(this.queue.indexOf(entry), 1);
    return entry.fault;
  }
}
