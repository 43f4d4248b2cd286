/**
 * The address a rate limit counts against. Astro's `clientAddress` is the socket address, or the
 * one the front door chose from X-Forwarded-For behind a trusted proxy (TRUST_PROXY hops).
 * IPv6 addresses are counted per /64: one household or server gets a whole /64, so counting single
 * addresses would give an attacker 2^64 fresh counters.
 */
export function addressKey(address: string | undefined | null): string {
  if (!address) return 'unknown';
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) is an IPv4 client.
  const mapped = /^(?:0*:)*:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail counts as two groups.
  const groupsOf = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const missing = a.includes('::') ? 8 - groupsOf(left) - groupsOf(right) : 0;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  if (groups.length < 4 || groups.slice(0, 4).some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return a;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The rate-limit key of the client behind a request context (Astro throws when there is no address). */
export function clientKey(context: { readonly clientAddress: string }): string {
  try {
    return addressKey(context.clientAddress);
  } catch {
    return 'unknown';
  }
}
