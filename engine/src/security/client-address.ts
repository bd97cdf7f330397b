import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** True for a loopback peer address: a proxy on this machine, trusted to name its clients. */
export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address);
}

/**
 * The address a request comes from, as Express computes `req.ip` under the server's
 * `trust proxy: loopback` setting: a proxy on the same machine is trusted to name the client in
 * `X-Forwarded-For` (read from the right, skipping loopback hops); anyone else is taken as is.
 * Used where Express does not run, such as socket.io handshakes.
 */
export function clientAddress(req: IncomingMessage): string {
  const remote = req.socket.remoteAddress ?? 'unknown';
  if (!LOOPBACK.test(remote)) {
    return remote;
  }
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  let address = remote;
  for (let i = hops.length - 1; i >= 0 && LOOPBACK.test(address); i -= 1) {
    address = hops[i];
  }
  return address;
}
