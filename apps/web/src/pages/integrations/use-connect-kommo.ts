import { useWindowEvent } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { IntegrationKind } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';

/**
 * Starts connecting (or reconnecting) Kommo: the server answers with its consent page, which the
 * browser opens with a full page load. The buttons stay busy until the page is gone; coming back
 * with the browser's Back button (page restored from the back/forward cache) frees them again.
 */
export function useConnectKommo() {
  const trpc = useTRPC();
  const [leaving, setLeaving] = useState(false);
  useWindowEvent('pageshow', (event) => {
    if (event.persisted) setLeaving(false);
  });
  const connect = useMutation(
    trpc.integrations.connectUrl.mutationOptions({
      onSuccess: ({ url }) => {
        setLeaving(true);
        window.location.assign(url);
      },
    }),
  );
  const busy = connect.isPending || leaving;
  return {
    connect: (kind: IntegrationKind) => connect.mutate({ kind }),
    busy,
    /** The kind being connected while busy: its button shows the spinner, the others wait. */
    busyKind: busy ? connect.variables?.kind : undefined,
  };
}
