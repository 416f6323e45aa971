import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useMe } from '../features/auth/api';
import { I18nProvider } from '../i18n/i18n';
import { queryClient } from './queryClient';
import { SocketProvider } from './socket';

/** The realtime socket follows the session: connected while signed in, closed after sign-out. */
function SessionSocket({ children }: { children: ReactNode }) {
  const me = useMe();
  return <SocketProvider enabled={Boolean(me.data)}>{children}</SocketProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionSocket>{children}</SessionSocket>
      </I18nProvider>
    </QueryClientProvider>
  );
}
