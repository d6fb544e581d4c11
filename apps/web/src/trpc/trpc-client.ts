import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from './app-router';

/** Same-origin: the session cookie goes along by itself (in dev, Vite proxies `/trpc`). */
export function createAppTRPCClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/trpc', transformer: superjson })],
  });
}
