/**
 * Peer under test: `@hocuspocus/server` 4.x with no extensions, i.e. in memory, on 127.0.0.1
 * and a free port. Plain JavaScript run by bare `node`, so no TypeScript loader sits in the
 * measured process. Prints `{"listening":<port>}` once ready; exits on SIGTERM.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
});
await server.listen();
console.log(JSON.stringify({ listening: server.address.port }));
process.on('SIGTERM', () => process.exit(0));
