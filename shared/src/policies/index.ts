export * from './capacity.js';
export * from './access.policy.js';
export * from './proposals.policy.js';
export * from './partners.policy.js';
export * from './threads.policy.js';
