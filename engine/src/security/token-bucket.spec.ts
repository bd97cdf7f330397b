import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';
import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('lets a burst of `capacity` through, then refuses until time refills it', () => {
    let now = 0;
    const sut = new TokenBucket(10, 20, () => now);
    const burst = Array.from({ length: 25 }, () => sut.take());
    expect(burst.filter(Boolean)).toHaveLength(20);
    expect(sut.secondsUntilNext()).toBe(1);
    now += 100; // one token back after 1/10 s
    expect(sut.take()).toBe(true);
    expect(sut.take()).toBe(false);
    now += 10_000;
    expect(sut.isFull()).toBe(true);
  });
});

describe(clientAddress.name, () => {
  const request = (remoteAddress: string, forwarded?: string): IncomingMessage =>
    ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as never;

  it('trusts X-Forwarded-For only from a loopback proxy, reading it from the right', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1', '198.51.100.1, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('::1', '198.51.100.1, 127.0.0.1'))).toBe('198.51.100.1');
    expect(clientAddress(request('::ffff:127.0.0.1'))).toBe('::ffff:127.0.0.1');
  });
});
