import type { Server } from 'socket.io';

/** The parts of engine.io's connection that coalescing touches (not all are in its types). */
interface EngineConnection {
  flush(): void;
  transport?: { socket?: { _socket?: { cork(): void; uncork(): void } } };
}

/**
 * One socket write per connection per event-loop turn, however many packets it got.
 *
 * engine.io keeps one write in flight per connection: a second packet emitted in the same turn
 * (a vote pushes its activity event and its tally to the same room) waits for the first write's
 * callback and goes out as a second `writev`. On loopback a write costs ~25 µs of kernel time,
 * per socket and per packet, and was half of a vote's CPU with 100 listeners. Deferring the
 * flush to the check phase lets every packet of the turn reach the transport together; corking
 * the TCP socket around it makes their frames one `writev`. Order and delivery are engine.io's
 * own: only when the flush runs changes (by at most one turn of the loop).
 */
export function coalesceWrites(server: Server): void {
  server.engine.on('connection', (conn: EngineConnection) => {
    const flushNow = conn.flush.bind(conn);
    let scheduled = false;
    const run = (): void => {
      scheduled = false;
      // Only the websocket transport has a TCP socket of its own (polling writes per request).
      const tcp = conn.transport?.socket?._socket;
      tcp?.cork();
      try {
        flushNow();
      } finally {
        tcp?.uncork();
      }
    };
    conn.flush = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(run);
    };
  });
}
