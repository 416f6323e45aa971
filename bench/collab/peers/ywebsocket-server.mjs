/**
 * Peer under test: `@y/websocket-server` 0.1.1 as its README runs it (`setupWSConnection` on a
 * `ws` server), in memory (no YPERSISTENCE), on 127.0.0.1 and a free port. Plain JavaScript run
 * by bare `node`, so no TypeScript loader sits in the measured process. Prints
 * `{"listening":<port>}` once ready; exits on SIGTERM.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ listening: typeof address === 'object' ? address.port : 0 }));
});
process.on('SIGTERM', () => process.exit(0));
