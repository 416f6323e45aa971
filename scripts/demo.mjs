// `npm run demo [-- --email you@example.org]`: install and build when needed (as `npm start`),
// then write a demo network into the same database `npm start` serves.
import { join } from 'node:path';
import { ensureBuilt, ensureInstalled, log, root, run } from './lib.mjs';

ensureInstalled();
ensureBuilt();
log(
  `writing a demo network (data in ${process.env.DATA_DIR ?? './.data'}${process.env.DATABASE_URL ? '' : ', embedded PostgreSQL'})…`,
);
const status = run(
  process.execPath,
  [join(root, 'server/dist/demo.js'), ...process.argv.slice(2)],
  {
    env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, '.data') },
  },
);
process.exit(status);
