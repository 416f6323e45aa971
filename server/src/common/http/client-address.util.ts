import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export type TrustProxy = boolean | number | string[];
type TrustFn = (address: string, hop: number) => boolean;

/** The same rule express applies for `app.set('trust proxy', value)`. */
export function compileTrust(value: TrustProxy): TrustFn {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return proxyaddr.compile(value);
}

/**
 * The client's address for a raw request (a websocket upgrade never passes through express):
 * `X-Forwarded-For` is believed only for the hops `TRUST_PROXY` trusts, as `req.ip` does.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  if (!req.socket?.remoteAddress) return 'unknown';
  return proxyaddr(req as Parameters<typeof proxyaddr>[0], trust);
}
