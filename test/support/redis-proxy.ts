import { createConnection, createServer, type Socket } from 'node:net';

/** A pub/sub message on its way from Redis to a subscriber. */
export interface PubSubMessage {
  channel: string;
  payload: Buffer;
}

export interface RedisProxy {
  url: string;
  /** Decides, per pub/sub message, whether Redis "loses" it (null: nothing is lost). */
  drop: ((m: PubSubMessage) => boolean) | null;
  /** Messages lost so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real Redis that can lose pub/sub messages on their way to the
 * subscriber, the way a Redis hiccup or an overflowing output buffer does, while the connection
 * itself stays up: the subscriber sees no reconnect, only a missing message. Everything else
 * (commands, replies, streams) passes untouched. Replies are cut into whole RESP frames so a
 * frame is either forwarded entirely or not at all.
 */
export async function startRedisProxy(target: string): Promise<RedisProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let dropped = 0;
  const proxy: RedisProxy = {
    url: '',
    drop: null,
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    const redis = createConnection({
      host: upstream.hostname,
      port: Number(upstream.port || 6379),
    });
    sockets.add(client).add(redis);
    const end = () => {
      client.destroy();
      redis.destroy();
      sockets.delete(client);
      sockets.delete(redis);
    };
    client.on('error', end).on('close', end);
    redis.on('error', end).on('close', end);
    client.pipe(redis);
    let pending: Buffer = Buffer.alloc(0);
    redis.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const out: Buffer[] = [];
      let at = 0;
      for (;;) {
        const next = frameEnd(pending, at);
        if (next < 0) break;
        const frame = pending.subarray(at, next);
        const message = proxy.drop ? pubSubMessage(frame) : null;
        if (message && proxy.drop?.(message)) dropped++;
        else out.push(frame);
        at = next;
      }
      pending = pending.subarray(at);
      if (out.length) client.write(Buffer.concat(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  proxy.url = `redis://127.0.0.1:${port}`;
  return proxy;
}

const CRLF = Buffer.from('\r\n');

/** The end of the RESP frame starting at `at`, or -1 while it is incomplete. */
function frameEnd(buf: Buffer, at: number): number {
  if (at >= buf.length) return -1;
  const lineEnd = buf.indexOf(CRLF, at);
  if (lineEnd < 0) return -1;
  const type = String.fromCharCode(buf[at]!);
  const n = Number(buf.toString('latin1', at + 1, lineEnd));
  const afterLine = lineEnd + 2;
  switch (type) {
    case '$': // bulk string
    case '=': // verbatim string (RESP3)
    case '!': {
      // bulk error (RESP3)
      if (n < 0) return afterLine;
      const end = afterLine + n + 2;
      return end <= buf.length ? end : -1;
    }
    case '*': // array
    case '>': // push (RESP3)
    case '~': // set (RESP3)
    case '%': {
      // map (RESP3)
      if (n < 0) return afterLine;
      let p = afterLine;
      const items = type === '%' ? 2 * n : n;
      for (let i = 0; i < items; i++) {
        p = frameEnd(buf, p);
        if (p < 0) return -1;
      }
      return p;
    }
    default: // simple string, error, integer, null, boolean, double, big number
      return afterLine;
  }
}

const MESSAGE_HEAD = Buffer.from('3\r\n$7\r\nmessage\r\n');

/**
 * The channel and payload of a `message` frame (an array in RESP2, a push in RESP3, which
 * ioredis speaks when the server offers it); null for any other frame.
 */
function pubSubMessage(frame: Buffer): PubSubMessage | null {
  if (frame[0] !== 0x2a && frame[0] !== 0x3e) return null; // '*' or '>'
  if (!frame.subarray(1, 1 + MESSAGE_HEAD.length).equals(MESSAGE_HEAD)) return null;
  const bulk = (at: number): [Buffer, number] => {
    const lineEnd = frame.indexOf(CRLF, at);
    const n = Number(frame.toString('latin1', at + 1, lineEnd));
    return [frame.subarray(lineEnd + 2, lineEnd + 2 + n), lineEnd + 2 + n + 2];
  };
  const [channel, next] = bulk(1 + MESSAGE_HEAD.length);
  const [payload] = bulk(next);
  return { channel: channel.toString(), payload };
}
