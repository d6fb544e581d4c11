import { QueryClient } from '@tanstack/react-query';
import { apiErrorCode } from './api-error';
import './query-meta';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer will not change by asking again; network hiccups might.
        retry: (failureCount, error) => {
          const code = apiErrorCode(error);
          if (code && code !== 'INTERNAL_SERVER_ERROR') return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
