import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SocketContext, type AppSocket } from '../../app/socket';
import { useWorkspaceLive } from './live';

type Handler = (...args: unknown[]) => void;

/** The few parts of a socket.io client the hook uses; the server always accepts the join. */
class FakeSocket {
  connected = true;
  recovered = false;
  joins = 0;
  private handlers = new Map<string, Set<Handler>>();
  on(name: string, h: Handler) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)!.add(h);
    return this;
  }
  off(name: string, h: Handler) {
    this.handlers.get(name)?.delete(h);
    return this;
  }
  emit(name: string, _data: unknown, ack?: (res: { ok: boolean }) => void) {
    if (name === 'workspace:join') {
      this.joins++;
      ack?.({ ok: true });
    }
    return this;
  }
  fire(name: string, ...args: unknown[]) {
    for (const h of this.handlers.get(name) ?? []) h(...args);
  }
  /** A dropped connection and a new one, recovered by the server or not. */
  reconnect(recovered: boolean) {
    this.connected = false;
    this.fire('disconnect');
    this.connected = true;
    this.recovered = recovered;
    this.fire('connect');
  }
}

function setup() {
  const socket = new FakeSocket();
  const qc = new QueryClient();
  const invalidate = vi.spyOn(qc, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={qc}>
      <SocketContext.Provider value={socket as unknown as AppSocket}>
        {children}
      </SocketContext.Provider>
    </QueryClientProvider>
  );
  const hook = renderHook(() => useWorkspaceLive('w1'), { wrapper });
  const refetchedWorkspace = () =>
    invalidate.mock.calls.some(([filters]) => {
      const key = (filters as { queryKey?: readonly unknown[] } | undefined)?.queryKey;
      return key?.[0] === 'workspace' && key[1] === 'w1';
    });
  return { socket, hook, invalidate, refetchedWorkspace };
}

describe('useWorkspaceLive after a reconnect', () => {
  it('joins the room and fetches nothing again on the first join', async () => {
    const { socket, hook, refetchedWorkspace } = setup();
    expect(socket.joins).toBe(1);
    expect(hook.result.current).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(refetchedWorkspace()).toBe(false);
  });

  it('refetches what is on screen when the server could not replay the missed events', async () => {
    const { socket, hook, refetchedWorkspace } = setup();
    act(() => socket.reconnect(false));
    expect(socket.joins).toBe(2);
    expect(hook.result.current).toBe(true);
    await vi.waitFor(() => expect(refetchedWorkspace()).toBe(true));
  });

  it('fetches nothing again when the session was recovered (the events were replayed)', async () => {
    const { socket, refetchedWorkspace } = setup();
    act(() => socket.reconnect(true));
    expect(socket.joins).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(refetchedWorkspace()).toBe(false);
  });

  it('is not joined while disconnected', () => {
    const { socket, hook } = setup();
    act(() => {
      socket.connected = false;
      socket.fire('disconnect');
    });
    expect(hook.result.current).toBe(false);
  });
});
