/* eslint-disable no-bitwise */ // address arithmetic for CIDRs
/**
 * fast-check arbitraries of valid model objects: everything they generate is accepted by the
 * Kubernetes API server (v1.29 and, since CIDRs are canonical, the strict v1.36 profile too).
 *
 * Reused by the model, construct and analysis tests. Names start with `arb`.
 */
import * as fc from 'fast-check';
import {
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyModel,
  Peer,
  PolicyRule,
  PolicyType,
  Port,
  Protocol,
  SelectorOperator,
} from '../src/model';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;

function charOf(alphabet: string): fc.Arbitrary<string> {
  return fc.constantFrom(...alphabet.split(''));
}

/** `first` + up to `maxMiddle` of `middle` + `last`, or one `first`/`last` char alone. */
function edged(edge: string, middle: string, maxMiddle: number): fc.Arbitrary<string> {
  return fc.oneof(
    charOf(edge),
    fc.tuple(charOf(edge), fc.string({ unit: charOf(middle), maxLength: maxMiddle }), charOf(edge)).map(([a, m, b]) => a + m + b),
  );
}

// ---- names ---------------------------------------------------------------------------------

/** A DNS-1123 label (≤63: lower-case alphanumerics and '-'), as namespaces need. */
export function arbDnsLabel(maxLength = 63): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom('default', 'kube-system', 'shop', 'frontend', 'db'), weight: 1 },
    { arbitrary: edged(LOWER + DIGITS, LOWER + DIGITS + '-', Math.max(0, maxLength - 2)), weight: 3 },
  ).filter((s) => s.length <= maxLength);
}

/** A DNS-1123 subdomain (≤253: dot-separated DNS labels), as object names and label-key prefixes need. */
export function arbDnsSubdomain(): fc.Arbitrary<string> {
  return fc.array(arbDnsLabel(40), { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')).filter((s) => s.length <= 253);
}

/** The name part of a qualified name / a non-empty label value: ≤63, alphanumerics at the ends, `-_.` inside. */
export function arbLabelName(): fc.Arbitrary<string> {
  return edged(ALNUM, ALNUM + '-_.', 61);
}

/** A label key: a qualified name, with or without a DNS-subdomain prefix (`example.com/tier`). */
export function arbLabelKey(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom('app', 'tier', 'role', 'kubernetes.io/metadata.name', 'app.kubernetes.io/name'), weight: 2 },
    { arbitrary: arbLabelName(), weight: 3 },
    { arbitrary: fc.tuple(arbDnsSubdomain(), arbLabelName()).map(([prefix, name]) => `${prefix}/${name}`), weight: 2 },
  );
}

/** A label value: empty, or ≤63 alphanumerics with `-_.` inside. */
export function arbLabelValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 1 },
    { arbitrary: fc.constantFrom('web', 'db', 'frontend', 'backend', 'v1.2_3'), weight: 2 },
    { arbitrary: arbLabelName(), weight: 3 },
  );
}

/** A map of labels (valid keys and values). */
export function arbLabels(maxKeys = 3): fc.Arbitrary<{ [key: string]: string }> {
  return fc.dictionary(arbLabelKey(), arbLabelValue(), { maxKeys, noNullPrototype: true });
}

/** A map of annotations: qualified-name keys and free-text values. */
export function arbAnnotations(maxKeys = 2): fc.Arbitrary<{ [key: string]: string }> {
  return fc.dictionary(arbLabelKey(), fc.string({ unit: 'grapheme', maxLength: 30 }), { maxKeys, noNullPrototype: true });
}

// ---- selectors -----------------------------------------------------------------------------

/**
 * A selector requirement with any of the four operators: `In`/`NotIn` with 1..3 values,
 * `Exists`/`DoesNotExist` with `values` undefined (the model's spelling of "no values").
 */
export function arbSelectorRequirement(): fc.Arbitrary<LabelSelectorRequirement> {
  return fc.oneof(
    fc.record({
      key: arbLabelKey(),
      operator: fc.constantFrom(SelectorOperator.IN, SelectorOperator.NOT_IN),
      values: fc.array(arbLabelValue(), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      key: arbLabelKey(),
      operator: fc.constantFrom(SelectorOperator.EXISTS, SelectorOperator.DOES_NOT_EXIST),
    }),
  );
}

/** A label selector: matchLabels and matchExpressions, either possibly empty (so sometimes `{}`). */
export function arbLabelSelector(): fc.Arbitrary<LabelSelector> {
  return fc.oneof(
    { arbitrary: fc.constant(null).map(() => LabelSelector.all()), weight: 1 },
    {
      arbitrary: fc.record({ labels: arbLabels(), expressions: fc.array(arbSelectorRequirement(), { maxLength: 3 }) })
        .map((o) => LabelSelector.of(o)),
      weight: 4,
    },
  );
}

// ---- ports ---------------------------------------------------------------------------------

/** TCP, UDP or SCTP. */
export function arbProtocol(): fc.Arbitrary<Protocol> {
  return fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
}

/** A port number, 1..65535 (biased to the edges and to common ports). */
export function arbPortNumber(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(1, 53, 80, 443, 5432, 8080, 65535), fc.integer({ min: 1, max: 65535 }));
}

/**
 * An IANA service name (a named port): ≤15 chars of `[-a-z0-9]`, at least one letter, no `--`,
 * no leading or trailing `-` (leading digits allowed, e.g. `8080-alt`).
 */
export function arbIanaPortName(): fc.Arbitrary<string> {
  const segment = fc.string({ unit: charOf(LOWER + DIGITS), minLength: 1, maxLength: 6 });
  return fc.oneof(
    fc.constantFrom('http', 'https', 'dns', 'dns-tcp', 'metrics', 'grpc', '8080-alt'),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('-')),
  ).filter((s) => s.length <= 15 && /[a-z]/.test(s));
}

/** A single port of a protocol. */
export function arbSinglePort(): fc.Arbitrary<Port> {
  return fc.tuple(arbProtocol(), arbPortNumber()).map(([protocol, n]) => Port.of(protocol, n));
}

/** A port range `port..endPort` with `endPort >= port` (sometimes equal). */
export function arbPortRange(): fc.Arbitrary<Port> {
  return fc.tuple(arbProtocol(), arbPortNumber(), arbPortNumber(), fc.boolean())
    .map(([protocol, a, b, same]) => (same ? Port.range(protocol, a, a) : Port.range(protocol, Math.min(a, b), Math.max(a, b))));
}

/** A named port of a protocol. */
export function arbNamedPort(): fc.Arbitrary<Port> {
  return fc.tuple(arbIanaPortName(), arbProtocol()).map(([name, protocol]) => Port.named(name, protocol));
}

/** A port of any kind: single, range, named, every port of a protocol, or (rarely) all traffic. */
export function arbPort(): fc.Arbitrary<Port> {
  return fc.oneof(
    { arbitrary: arbSinglePort(), weight: 4 },
    { arbitrary: arbPortRange(), weight: 2 },
    { arbitrary: arbNamedPort(), weight: 2 },
    { arbitrary: arbProtocol().map((p) => Port.allOf(p)), weight: 1 },
    { arbitrary: fc.constant(null).map(() => Port.allTraffic()), weight: 1 },
  );
}

// ---- CIDRs ---------------------------------------------------------------------------------

/** An IPv4 address (an unsigned 32-bit number) in dotted-quad form. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

function ipv4Mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** An IPv6 address (a 128-bit bigint) in RFC 5952 canonical form (lower case, longest zero run as `::`). */
export function formatIpv6(address: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((address >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function ipv6Mask(prefix: number): bigint {
  const all = (1n << 128n) - 1n;
  return prefix === 0 ? 0n : (all << BigInt(128 - prefix)) & all;
}

/** A CIDR with its excepts, as plain strings. */
export interface GeneratedCidr {
  readonly cidr: string;
  readonly except: string[];
}

const arbIpv4Prefix = fc.oneof(fc.constantFrom(0, 8, 16, 24, 32), fc.integer({ min: 0, max: 32 }));

/**
 * A canonical IPv4 CIDR (no bits set beyond the prefix) with 0..3 canonical excepts, each a
 * strict subset (longer prefix, inside the network).
 */
export function arbIpv4Cidr(maxExcepts = 3): fc.Arbitrary<GeneratedCidr> {
  return arbIpv4Prefix.chain((prefix) => fc.record({
    prefix: fc.constant(prefix),
    address: fc.integer({ min: 0, max: 0xffffffff }),
    excepts: fc.array(
      fc.tuple(fc.integer({ min: Math.min(prefix + 1, 32), max: 32 }), fc.integer({ min: 0, max: 0xffffffff })),
      { maxLength: prefix < 32 ? maxExcepts : 0 },
    ),
  })).map(({ prefix, address, excepts }) => {
    const network = (address & ipv4Mask(prefix)) >>> 0;
    return {
      cidr: `${formatIpv4(network)}/${prefix}`,
      except: excepts.map(([p, bits]) => {
        const inside = (network | (bits & ~ipv4Mask(prefix))) >>> 0;
        return `${formatIpv4((inside & ipv4Mask(p)) >>> 0)}/${p}`;
      }),
    };
  });
}

const arbIpv6Group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const arbIpv6Address = fc.array(arbIpv6Group, { minLength: 8, maxLength: 8 })
  .map((groups) => groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n));
const arbIpv6Prefix = fc.oneof(fc.constantFrom(0, 32, 48, 64, 128), fc.integer({ min: 0, max: 128 }));

/** A canonical IPv6 CIDR (RFC 5952 text, no bits beyond the prefix) with 0..3 strict-subset excepts. */
export function arbIpv6Cidr(maxExcepts = 3): fc.Arbitrary<GeneratedCidr> {
  return arbIpv6Prefix.chain((prefix) => fc.record({
    prefix: fc.constant(prefix),
    address: arbIpv6Address,
    excepts: fc.array(
      fc.tuple(fc.integer({ min: Math.min(prefix + 1, 128), max: 128 }), arbIpv6Address),
      { maxLength: prefix < 128 ? maxExcepts : 0 },
    ),
  })).map(({ prefix, address, excepts }) => {
    const network = address & ipv6Mask(prefix);
    const all = (1n << 128n) - 1n;
    return {
      cidr: `${formatIpv6(network)}/${prefix}`,
      except: excepts.map(([p, bits]) => {
        const inside = network | (bits & (all ^ ipv6Mask(prefix)));
        return `${formatIpv6(inside & ipv6Mask(p))}/${p}`;
      }),
    };
  });
}

/** An IPv4 or IPv6 CIDR with valid excepts. */
export function arbCidr(): fc.Arbitrary<GeneratedCidr> {
  return fc.oneof({ arbitrary: arbIpv4Cidr(), weight: 3 }, { arbitrary: arbIpv6Cidr(), weight: 1 });
}

// ---- peers, rules, policies ----------------------------------------------------------------

/** An ipBlock peer (IPv4 or IPv6, with valid excepts). */
export function arbCidrPeer(): fc.Arbitrary<Peer> {
  return arbCidr().map(({ cidr, except }) => Peer.cidr(cidr, { except }));
}

/** A peer of a kind other than `anywhere()`: pods, namespaces, pods in namespaces, or a CIDR. */
export function arbSpecificPeer(): fc.Arbitrary<Peer> {
  return fc.oneof(
    arbLabelSelector().map((s) => Peer.pods(s)),
    arbLabelSelector().map((s) => Peer.namespaces(s)),
    fc.tuple(arbLabelSelector(), arbLabelSelector()).map(([ns, pods]) => Peer.podsIn(ns, pods)),
    arbCidrPeer(),
  );
}

/** A peer of any kind, `Peer.anywhere()` included (rarely). */
export function arbPeer(): fc.Arbitrary<Peer> {
  return fc.oneof(
    { arbitrary: arbSpecificPeer(), weight: 12 },
    { arbitrary: fc.constant(null).map(() => Peer.anywhere()), weight: 1 },
  );
}

/** A rule of 1..4 peers and 1..4 ports (normalized by `PolicyRule.of`). */
export function arbPolicyRule(): fc.Arbitrary<PolicyRule> {
  return fc.tuple(fc.array(arbPeer(), { minLength: 1, maxLength: 4 }), fc.array(arbPort(), { minLength: 1, maxLength: 4 }))
    .map(([peers, ports]) => PolicyRule.of(peers, ports));
}

/** Non-empty `policyTypes`, in either order. */
export function arbPolicyTypes(): fc.Arbitrary<PolicyType[]> {
  return fc.constantFrom(
    [PolicyType.INGRESS],
    [PolicyType.EGRESS],
    [PolicyType.INGRESS, PolicyType.EGRESS],
    [PolicyType.EGRESS, PolicyType.INGRESS],
  ).map((types) => [...types]);
}

/** Options of `arbNetworkPolicyModel`. */
export interface ArbNetworkPolicyOptions {
  /** Always this namespace (default: a random namespace, or none). */
  readonly namespace?: string;
  /** At most this many ingress and this many egress rules (default 3). */
  readonly maxRules?: number;
}

/** A whole valid NetworkPolicy model: name, optional namespace, labels, annotations, selector, types, rules. */
export function arbNetworkPolicyModel(options: ArbNetworkPolicyOptions = {}): fc.Arbitrary<NetworkPolicyModel> {
  const maxRules = options.maxRules ?? 3;
  return fc.record({
    name: arbDnsSubdomain(),
    namespace: options.namespace !== undefined ? fc.constant(options.namespace) : fc.option(arbDnsLabel(), { nil: undefined }),
    labels: arbLabels(),
    annotations: arbAnnotations(),
    podSelector: arbLabelSelector(),
    policyTypes: arbPolicyTypes(),
    ingress: fc.array(arbPolicyRule(), { maxLength: maxRules }),
    egress: fc.array(arbPolicyRule(), { maxLength: maxRules }),
  }).map((props) => new NetworkPolicyModel(props));
}

// ---- fixtures ------------------------------------------------------------------------------

/** The NetworkPolicies of the source article, as YAML text (one copy, kept with the examples' tests). */
export { ARTICLE_YAML as ARTICLE_POLICY_YAML } from './examples/article-policies';
