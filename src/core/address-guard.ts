/**
 * Which destinations the proxy may fetch on a client's behalf (image URLs): public addresses
 * only. A pure function over a host as written (a name, or an IPv4/IPv6 literal in any of the
 * forms URL parsers and resolvers accept: `2130706433`, `0x7f.1`, `0177.0.0.1`, `[::ffff:7f00:1]`),
 * used on the URL's host and, on Node, on every address the name resolves to.
 */

/** [first address, prefix length, what it is] */
type Range = readonly [number, number, string];

const V4_RANGES: readonly Range[] = [
  [0x00000000, 8, 'an unspecified ("this network") address'],
  [0x0a000000, 8, 'a private address'],
  [0x64400000, 10, 'a carrier-grade NAT address'],
  [0x7f000000, 8, 'a loopback address'],
  [0xa9fe0000, 16, 'a link-local address'],
  [0xac100000, 12, 'a private address'],
  [0xc0000000, 24, 'an IETF protocol address'],
  [0xc0000200, 24, 'a documentation address'],
  [0xc0a80000, 16, 'a private address'],
  [0xc6120000, 15, 'a benchmarking address'],
  [0xc6336400, 24, 'a documentation address'],
  [0xcb007100, 24, 'a documentation address'],
  [0xe0000000, 4, 'a multicast address'],
  [0xf0000000, 4, 'a reserved address'],
];

/** An IPv4 literal as inet_aton reads it (1 to 4 parts, each decimal, 0x hex or 0 octal), as a 32-bit number. */
export function parseIPv4(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => !/^(0x[0-9a-f]*|[0-9]+)$/i.test(p))) return undefined;
  const values = parts.map((p) =>
    /^0x/i.test(p) ? parseInt(p.slice(2) || '0', 16) : /^0[0-7]+$/.test(p) ? parseInt(p, 8) : /^0\d/.test(p) ? NaN : Number(p),
  );
  if (values.some((v) => !Number.isFinite(v))) return undefined;
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return undefined;
  return values.reduce((acc, v, i) => acc + v * 2 ** (8 * (3 - i)), 0) + last;
}

/** An IPv6 literal as eight 16-bit groups (`::` and a dotted IPv4 tail expanded). */
export function parseIPv6(host: string): number[] | undefined {
  let text = host.replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseIPv4(tail[1]!);
    if (v4 === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(tail[1]!)) return undefined;
    text = `${text.slice(0, -tail[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h ? h.split(':') : []));
  if (groups.flat().some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const [head = [], rest = []] = groups;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
}

function v4Reason(address: number): string | undefined {
  if (address === 0xffffffff) return 'a broadcast address';
  for (const [base, bits, what] of V4_RANGES) {
    if (Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits))) return what;
  }
  return undefined;
}

function v6Reason(g: number[]): string | undefined {
  const embeddedV4 = (g[6]! * 0x10000 + g[7]!) >>> 0;
  if (g.every((x) => x === 0)) return 'the unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'a loopback address';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return 'an IPv4-mapped IPv6 address';
  if (g.slice(0, 6).every((x) => x === 0)) return 'an IPv4-compatible IPv6 address';
  if (g[0] === 0x64 && g[1] === 0xff9b) return v4Reason(embeddedV4) && 'a NAT64 address of a non-public IPv4 address';
  if (g[0] === 0x2002) return v4Reason((g[1]! * 0x10000 + g[2]!) >>> 0) && 'a 6to4 address of a non-public IPv4 address';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'a unique local (private) address';
  if ((g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xffc0) === 0xfec0) return 'a link-local address';
  if ((g[0]! & 0xff00) === 0xff00) return 'a multicast address';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'a documentation address';
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'a discard address';
  return undefined;
}

/**
 * Why `host` is not a public destination, or undefined when it is (or is a name, which only its
 * resolved addresses can tell).
 */
export function nonPublicReason(host: string): string | undefined {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === '') return 'an empty host';
  if (name === 'localhost' || name.endsWith('.localhost')) return 'localhost';
  if (name.includes(':')) {
    const groups = parseIPv6(name);
    return groups ? v6Reason(groups) : 'not a valid IPv6 address';
  }
  const v4 = parseIPv4(name);
  return v4 === undefined ? undefined : v4Reason(v4);
}
