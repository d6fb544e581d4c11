import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { I18nProvider } from './i18n/i18n-provider';
import { router } from './router';
import { theme } from './theme';
import { createQueryClient } from './trpc/query-client';
import { TRPCProvider } from './trpc/trpc';
import { createAppTRPCClient } from './trpc/trpc-client';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createAppTRPCClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider>
            <Notifications position="bottom-right" limit={3} />
            <RouterProvider router={router} />
          </I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
