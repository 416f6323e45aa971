export * from './limits.js';
export * from './errors.js';
export * from './collab.js';
export * from './domain.js';
export * from './schemas.js';
export * from './socket.js';
export * from './documents.js';
