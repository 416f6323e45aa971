import { constants, type BrotliOptions, type ZlibOptions } from 'node:zlib';

/**
 * How hard answers made per request are compressed (the compression middleware, and the
 * network view that compresses its own cached body). The lowest levels: on a 100 KB JSON answer
 * (a proposal with 200 votes) brotli quality 1 takes a third of quality 4's CPU for a body 4 %
 * larger, and gzip level 1 a third of level 6's for 9 % more. Static assets are not concerned:
 * the build compresses those once, at the highest levels.
 */
export const API_BROTLI: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
};
export const API_GZIP: ZlibOptions = { level: 1 };

/** API_BROTLI for a body of known size (lets brotli size its window). */
export const apiBrotliFor = (bytes: number): BrotliOptions => ({
  params: { ...API_BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: bytes },
});
