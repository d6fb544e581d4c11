import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/trpc';

/** `data`: the signed-in user with their organisations, or null when signed out. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { meta: { inlineErrors: true } }));
}
