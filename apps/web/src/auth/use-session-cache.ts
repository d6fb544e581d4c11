import { hashKey, useQueryClient, type Query } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Me } from '../trpc/app-router';
import { useTRPC } from '../trpc/trpc';

/**
 * Keeps the query cache true to who is signed in and which organisation is active: data of one
 * user or organisation must never show in another's screens.
 */
export function useSessionCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  return useMemo(() => {
    const meKey = trpc.auth.me.queryKey();
    const meHash = hashKey(meKey);
    const notMe = (query: Query) => query.queryHash !== meHash;

    return {
      current: (): Me | null | undefined => queryClient.getQueryData(meKey),
      signedIn(me: Me) {
        queryClient.removeQueries({ predicate: notMe });
        queryClient.setQueryData(meKey, me);
      },
      signedOut() {
        queryClient.setQueryData(meKey, null);
        queryClient.removeQueries({ predicate: notMe });
      },
      /** After a switch, create, join or leave: org-scoped queries start over (skeletons, no stale rows). */
      async orgChanged(me?: Me) {
        if (me) queryClient.setQueryData(meKey, me);
        else await queryClient.invalidateQueries({ queryKey: meKey });
        await queryClient.resetQueries({ predicate: notMe });
      },
      refreshMe: () => queryClient.invalidateQueries({ queryKey: meKey }),
      meUpdated(me: Me) {
        queryClient.setQueryData(meKey, me);
      },
    };
  }, [trpc, queryClient]);
}
