import { AdminPolicyKind } from './admin-api';
import { fieldError } from './crd-schema-validator';
import { AdminPolicyValidationOptions, checkAdminPolicy } from './validate-admin-policy';
import { AdminPolicyRule } from '../../model/admin-policy-rule';
import { ClusterNetworkPolicyModel } from '../../model/cluster-network-policy-model';
import { ClusterSubject } from '../../model/cluster-subject';
import { LabelSelector, SelectorOperator } from '../../model/label-selector';
import { Peer } from '../../model/peer';
import { PolicyTier } from '../../model/policy-tier';
import { Port } from '../../model/port';
import { Protocol } from '../../model/protocol';
import { RuleAction } from '../../model/rule-action';
import { ValidationError, ValidationErrorType } from '../../model/validation/validation-error';

/**
 * The outcome of reading a cluster-wide policy.
 */
export interface AdminPolicyParseResult {
  /**
   * The policy.
   * @default - none: the manifest has errors
   */
  readonly policy?: ClusterNetworkPolicyModel;
  /**
   * The kind it was written as.
   * @default - none: not a cluster-wide policy of a known version
   */
  readonly kind?: AdminPolicyKind;
  /** Why it cannot be read; empty when `policy` is set. */
  readonly errors: ValidationError[];
}

/**
 * Reads an AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) or ClusterNetworkPolicy
 * (v1alpha2) into the model, after checking it as the API server would (`validateAdminPolicy`).
 * `Accept` is read as Allow; absent ports as every port; `portRange` 1-65535 as every port of its
 * protocol; `namedPort`/`destinationNamedPort` as `Port.namedAnyProtocol`. Never throws.
 */
export function parseAdminPolicy(manifest: any, options: AdminPolicyValidationOptions = {}): AdminPolicyParseResult {
  const checked = checkAdminPolicy(manifest, options);
  if (checked.errors.length > 0 || checked.kind === undefined) return { kind: checked.kind, errors: checked.errors };
  const kind = checked.kind;
  const o = checked.defaulted as any;
  const errors: ValidationError[] = [];
  const spec = o.spec;
  const v2 = kind === AdminPolicyKind.CLUSTER_NETWORK_POLICY;
  const tier = v2 ? spec.tier as PolicyTier : kind === AdminPolicyKind.ADMIN_NETWORK_POLICY ? PolicyTier.ADMIN : PolicyTier.BASELINE;
  const rules = (list: any[] | undefined, direction: 'ingress' | 'egress'): AdminPolicyRule[] => (list ?? []).map((r, i) => {
    const path = `spec.${direction}[${i}]`;
    const peers = (r[direction === 'ingress' ? 'from' : 'to'] as any[]).map(readPeer);
    const portsField = v2 ? 'protocols' : 'ports';
    const portList: any[] | undefined = r[portsField];
    if (Array.isArray(portList) && portList.length === 0) {
      // v0.1.5 accepts `ports: []`; implementations differ on whether it is no port or every port.
      errors.push(fieldError(`${path}.${portsField}`, ValidationErrorType.INVALID, [], 'an empty list of ports is read differently by implementations (no port, or every port)',
        'remove it to match every port, or list the ports'));
    }
    const ports = portList === undefined || portList.length === 0
      ? [Port.allTraffic()]
      : portList.map((p) => (v2 ? readProtocolV2(p) : readPortV1(p)));
    const action = r.action === 'Accept' ? RuleAction.ALLOW : r.action as RuleAction;
    return AdminPolicyRule.of(action, peers, ports, { name: r.name });
  });
  let ingress: AdminPolicyRule[] = [];
  let egress: AdminPolicyRule[] = [];
  let subject: ClusterSubject | undefined;
  try {
    subject = readSubject(spec.subject);
    ingress = rules(spec.ingress, 'ingress');
    egress = rules(spec.egress, 'egress');
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    errors.push(fieldError(e.field, ValidationErrorType.INVALID, e.value, e.message));
  }
  if (errors.length > 0 || subject === undefined) return { kind, errors };
  const policy = new ClusterNetworkPolicyModel({
    name: o.metadata.name ?? o.metadata.generateName,
    labels: stringMap(o.metadata.labels),
    annotations: stringMap(o.metadata.annotations),
    tier,
    priority: spec.priority ?? undefined,
    subject,
    ingress,
    egress,
  });
  return { policy, kind, errors: [] };
}

function stringMap(json: any): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(json ?? {})) out[k] = v === null ? '' : String(v);
  return out;
}

/**
 * What the API server accepts (the CRDs do not constrain them) but no implementation can read: a
 * selector operator it does not know, a protocol other than TCP, UDP or SCTP. Such a policy is not
 * read rather than read as matching nothing.
 */
class Unreadable extends Error {
  public constructor(public readonly field: string, public readonly value: unknown, message: string) {
    super(message);
  }
}

const OPERATORS: string[] = Object.values(SelectorOperator);
const PROTOCOLS: string[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

function selector(json: any): LabelSelector {
  if (json === undefined || json === null) return LabelSelector.all();
  for (const r of json.matchExpressions ?? []) {
    const values: unknown[] = r.values ?? [];
    if (!OPERATORS.includes(r.operator)) {
      throw new Unreadable('matchExpressions', r.operator, `${JSON.stringify(r.operator)} is not a selector operator (In, NotIn, Exists, DoesNotExist): implementations cannot read this selector`);
    }
    if ((r.operator === 'In' || r.operator === 'NotIn') !== (values.length > 0)) {
      throw new Unreadable('matchExpressions', r, 'In and NotIn need values, Exists and DoesNotExist take none: implementations cannot read this selector');
    }
  }
  return LabelSelector.of({
    labels: stringMap(json.matchLabels),
    expressions: (json.matchExpressions ?? []).map((r: any) => ({
      key: r.key, operator: r.operator as SelectorOperator, values: r.values ?? undefined,
    })),
  });
}

function readSubject(json: any): ClusterSubject {
  if (json.namespaces !== undefined && json.namespaces !== null) return ClusterSubject.namespaces(selector(json.namespaces));
  return ClusterSubject.podsIn(selector(json.pods.namespaceSelector), selector(json.pods.podSelector));
}

function readPeer(json: any): Peer {
  if (json.namespaces !== undefined && json.namespaces !== null) return Peer.namespaces(selector(json.namespaces));
  if (json.pods !== undefined && json.pods !== null) return Peer.podsIn(selector(json.pods.namespaceSelector), selector(json.pods.podSelector));
  if (json.networks !== undefined && json.networks !== null) return Peer.networks(json.networks);
  if (json.nodes !== undefined && json.nodes !== null) return Peer.nodes(selector(json.nodes));
  return Peer.domainNames(json.domainNames);
}

function rangeOrAll(protocol: Protocol, start: number, end: number): Port {
  if (start === 1 && end === 65535) return Port.allOf(protocol);
  return start === end ? Port.of(protocol, start) : Port.range(protocol, start, end);
}

function protocolOf(value: unknown): Protocol {
  if (!PROTOCOLS.includes(value as string)) {
    throw new Unreadable('protocol', value, `${JSON.stringify(value)} is not TCP, UDP or SCTP: the CRD accepts it, but what it matches is not known`);
  }
  return value as Protocol;
}

function readPortV1(json: any): Port {
  if (json.namedPort !== undefined && json.namedPort !== null) return Port.namedAnyProtocol(json.namedPort);
  if (json.portNumber) return Port.of(protocolOf(json.portNumber.protocol), json.portNumber.port);
  return rangeOrAll(protocolOf(json.portRange.protocol), json.portRange.start, json.portRange.end);
}

function readProtocolV2(json: any): Port {
  if (json.destinationNamedPort !== undefined && json.destinationNamedPort !== null) return Port.namedAnyProtocol(json.destinationNamedPort);
  for (const protocol of [Protocol.TCP, Protocol.UDP, Protocol.SCTP]) {
    const match = json[protocol.toLowerCase()];
    if (match === undefined || match === null) continue;
    const d = match.destinationPort;
    if (d.number !== undefined && d.number !== null) return Port.of(protocol, d.number);
    return rangeOrAll(protocol, d.range.start, d.range.end);
  }
  // The schema allows exactly one field; this is never reached for a validated object.
  throw new Error('a protocol entry without tcp, udp, sctp or destinationNamedPort');
}
