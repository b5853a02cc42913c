/**
 * @module The client's address for rate limits and audit: the socket's peer, or — only when that peer is one of the
 * configured trusted proxies (`TRUSTED_PROXIES`) — the address the proxy appended to `X-Forwarded-For`. The header
 * is read right to left and trusted proxies are skipped, so a client cannot choose its address by sending the header
 * itself: the left part of the list is whatever the client wrote, the right part is what our proxies saw.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { BlockList } from 'node:net';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` (IPv4 seen on an IPv6 socket) → `10.0.0.1`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Per proxy list, the addresses already checked (BlockList.check is slow; the same clients come back). */
const checked = new WeakMap<BlockList, Map<string, boolean>>();
const CHECKED_MAX = 10_000;

const trusted = (proxies: BlockList, address: string): boolean => {
  let known = checked.get(proxies);
  if (!known) {
    known = new Map();
    checked.set(proxies, known);
  }
  const hit = known.get(address);
  if (hit !== undefined) return hit;
  const family = isIP(address);
  const answer = family !== 0 && proxies.rules.length > 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
  if (known.size >= CHECKED_MAX) known.clear();
  known.set(address, answer);
  return answer;
};

/**
 * The client address behind `peer`, given the `X-Forwarded-For` header and the trusted proxies.
 * @example clientAddressFrom('10.0.0.2', '203.0.113.7, 10.0.0.3', proxies) // '203.0.113.7' when 10.0.0.0/8 is trusted
 */
export function clientAddressFrom(peer: string, forwardedFor: string | undefined, proxies: BlockList): string {
  let address = plainAddress(peer);
  if (!trusted(proxies, address) || !forwardedFor) return address;
  const hops = forwardedFor.split(',').map((h) => plainAddress(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (!isIP(hop)) return address; // garbage in the header: keep the last address we can vouch for
    address = hop;
    if (!trusted(proxies, hop)) return hop;
  }
  return address;
}

/** The request's client address (`unknown` outside a Node server, e.g. `app.request()` in tests). */
export function clientAddress(c: Context, proxies: BlockList): string {
  let peer = 'unknown';
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
  return clientAddressFrom(peer, c.req.header('x-forwarded-for'), proxies);
}
