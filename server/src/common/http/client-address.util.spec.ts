import type { IncomingMessage } from 'node:http';
import { clientAddress, compileTrust } from './client-address.util';

const req = (remoteAddress: string, xff?: string) =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: xff ? { 'x-forwarded-for': xff } : {},
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientAddress(req('127.0.0.1', '203.0.113.9'), compileTrust(false))).toBe('127.0.0.1');
    expect(clientAddress(req('127.0.0.1', '203.0.113.9'), compileTrust(['loopback']))).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(req('10.0.0.5', '203.0.113.9'), compileTrust(['loopback']))).toBe(
      '10.0.0.5',
    );
  });

  it('counts hops: a client cannot prepend its own X-Forwarded-For entries', () => {
    const r = req('10.0.0.5', '6.6.6.6, 203.0.113.9');
    expect(clientAddress(r, compileTrust(1))).toBe('203.0.113.9');
    expect(clientAddress(r, compileTrust(['uniquelocal']))).toBe('203.0.113.9');
  });
});
