import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useMe } from '../features/auth/api';
import { I18nProvider } from '../i18n/i18n';
import { SocketProvider } from './socket';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a dropped connection may.
        retry: (count, err) =>
          !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}

/** The realtime socket follows the session: connected while signed in, closed after sign-out. */
function SessionSocket({ children }: { children: ReactNode }) {
  const me = useMe();
  return <SocketProvider enabled={Boolean(me.data)}>{children}</SocketProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <SessionSocket>{children}</SessionSocket>
      </I18nProvider>
    </QueryClientProvider>
  );
}
