/** The network namespace that plays the node: control plane, policy engine, iptables, host veth ends. */
export const NODE_NETNS = 'lab-node';
/** The node's name and InternalIP (on `lo` of the node namespace: this kernel has no `dummy` device). */
export const NODE_NAME = 'lab-node';
export const NODE_IP = '100.64.0.1';
/** The service range given to the API server and the policy engine (no service is ever created). */
export const SERVICE_CIDR = '10.43.0.0/16';
/** The namespace emulating addresses outside the cluster (`ip:` endpoints), routed through the node. */
export const WORLD_NETNS = 'lab-world';
/** The namespace of the two sentinel pods, whose probe tells when the engine has synced. */
export const SENTINEL_NAMESPACE = 'lab-sentinel';
export const SENTINEL_PODS = [
  { name: 'a', ip: '100.64.0.2', netns: 'lab-s1', veth: 'lab-vs1' },
  { name: 'b', ip: '100.64.0.3', netns: 'lab-s2', veth: 'lab-vs2' },
];
export const SENTINEL_PORT = 7;
/**
 * Where pod IPs are given out when a pod has none: the shared address space (RFC 6598), which pod
 * networks and the examples of the suites rarely use, so that the lab's own addresses seldom collide.
 */
const AUTO_FIRST = ipToNumber('100.64.1.1');

/** The names of every network namespace the lab may create (and `lab down` deletes). */
export const LAB_NETNS_PATTERN = /^lab-(node|world|s\d+|p\d+)$/;

export function podNetns(index: number): string {
  return `lab-p${index}`;
}

export function podVeth(index: number): string {
  return `lab-v${index}`;
}

export function ipToNumber(ip: string): number {
  return ip.split('.').map(Number).reduce((n, part) => n * 256 + part, 0);
}

export function numberToIp(n: number): string {
  return [16777216, 65536, 256, 1].map((unit) => Math.floor(n / unit) % 256).join('.');
}

/** A dotted IPv4 address (no leading zeros, each part 0..255). */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function inCidr(ip: string, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(ipToNumber(ip) / size) === Math.floor(ipToNumber(base) / size);
}

/**
 * Why an address cannot be a pod's or an external endpoint's in the lab, or undefined: it must be
 * IPv4, unicast, not loopback, and outside the lab's own addresses (100.64.0.0/24: node and
 * sentinels) and the service range.
 */
export function unusableAddress(ip: string): string | undefined {
  if (!isIpv4(ip)) return `${ip} is not an IPv4 address (the lab runs IPv4 only)`;
  if (inCidr(ip, '0.0.0.0', 8)) return `${ip} is in 0.0.0.0/8`;
  if (inCidr(ip, '127.0.0.0', 8)) return `${ip} is a loopback address`;
  if (inCidr(ip, '224.0.0.0', 3)) return `${ip} is a multicast or reserved address`;
  if (inCidr(ip, '100.64.0.0', 24)) return `${ip} is one of the lab's own addresses (100.64.0.0/24)`;
  if (inCidr(ip, '10.43.0.0', 16)) return `${ip} is in the lab's service range ${SERVICE_CIDR}`;
  return undefined;
}

/** Gives out addresses from 100.64.1.1 upwards, skipping those taken. */
export class AddressPool {
  private next = AUTO_FIRST;
  public constructor(private readonly taken: Set<string>) {}

  public allocate(): string {
    while (this.taken.has(numberToIp(this.next))) this.next++;
    const ip = numberToIp(this.next++);
    this.taken.add(ip);
    return ip;
  }
}
