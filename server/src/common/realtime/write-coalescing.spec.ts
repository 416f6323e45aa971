import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites } from './write-coalescing';

/** Counts the write operations that reach a TCP socket (each is one write/writev syscall). */
function countWrites(tcp: NetSocket): { ops: number[] } {
  const seen = { ops: [] as number[] };
  const single = tcp._write.bind(tcp);
  const many = tcp._writev?.bind(tcp);
  tcp._write = (chunk, encoding, cb) => {
    seen.ops.push(1);
    single(chunk, encoding, cb);
  };
  if (many) {
    tcp._writev = (chunks, cb) => {
      seen.ops.push(chunks.length);
      many(chunks, cb);
    };
  }
  return seen;
}

describe('coalesceWrites (real socket.io over a loopback websocket)', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket;
  let writes: { ops: number[] };

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    coalesceWrites(io);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    const connected = new Promise<void>((resolve) => {
      io.on('connection', (socket) => {
        const tcp = (socket.conn as unknown as { transport: { socket: { _socket: NetSocket } } })
          .transport.socket._socket;
        writes = countWrites(tcp);
        void socket.join('room');
        resolve();
      });
    });
    client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
    await connected;
    // Let the handshake's own packets go out before counting.
    await new Promise((r) => setTimeout(r, 50));
    writes.ops = [];
  });

  afterEach(async () => {
    client.disconnect();
    await io.close();
  });

  it('sends the packets of one turn to a connection in one write, in order', async () => {
    const got: string[] = [];
    const all = new Promise<void>((resolve) => {
      client.onAny((name: string, payload: { n: number }) => {
        got.push(`${name}:${payload.n}`);
        if (got.length === 3) resolve();
      });
    });
    io.to('room').emit('event', { n: 1 });
    io.to('room').emit('proposal:tally', { n: 2 });
    io.to('room').emit('event', { n: 3 });
    await all;
    expect(got).toEqual(['event:1', 'proposal:tally:2', 'event:3']);
    // One writev for the three frames (a frame is a header and a payload chunk).
    expect(writes.ops).toHaveLength(1);
    expect(writes.ops[0]).toBeGreaterThanOrEqual(3);
  });

  it('still sends a packet of a later turn on its own', async () => {
    const got: number[] = [];
    const both = new Promise<void>((resolve) => {
      client.on('event', (payload: { n: number }) => {
        got.push(payload.n);
        if (got.length === 2) resolve();
      });
    });
    io.to('room').emit('event', { n: 1 });
    await new Promise((r) => setTimeout(r, 20));
    io.to('room').emit('event', { n: 2 });
    await both;
    expect(got).toEqual([1, 2]);
    expect(writes.ops).toHaveLength(2);
  });
});
