// `npm start`: install (when needed), build (when needed) and serve the whole app on one port.
import { join } from 'node:path';
import { ensureBuilt, ensureInstalled, exec, log, root } from './lib.mjs';

ensureInstalled();
ensureBuilt();
const port = process.env.PORT ?? '3000';
log(
  `starting on http://localhost:${port} (data in ${process.env.DATA_DIR ?? './.data'}${process.env.DATABASE_URL ? '' : ', embedded PostgreSQL'})`,
);
exec(process.execPath, [join(root, 'server/dist/main.js')], {
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, '.data') },
});
