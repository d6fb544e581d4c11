import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from './app-router';

/**
 * Same-origin: the session cookie goes along by itself (in dev, Vite proxies `/trpc`).
 * Subscriptions (the live activity feed) use server-sent events: the browser's EventSource
 * reconnects by itself and sends the last event id, from which the server resumes.
 */
export function createAppTRPCClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: '/trpc', transformer: superjson }),
        false: httpBatchLink({ url: '/trpc', transformer: superjson }),
      }),
    ],
  });
}
