import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { addressFamily, exceptProblem } from './cidr-subset';
import { ClusterDnsOptions } from './cluster-dns-options';
import { Pods } from '../constructs/pods';
import { LabelSelector } from '../model/label-selector';
import { Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * Helpers shared by the pattern constructs. Internal: not part of the jsii API.
 */

/** The default NodeLocal DNSCache address. */
export const NODE_LOCAL_DNS_ADDRESS = '169.254.20.10';
/** The labels of the cluster DNS pods on K3s, kubeadm, EKS, GKE, AKS. */
export const KUBE_DNS_LABELS: { [key: string]: string } = { 'k8s-app': 'kube-dns' };
/** The namespace of the cluster DNS pods. */
export const KUBE_DNS_NAMESPACE = 'kube-system';

/** A construct id in kebab-case, usable as a Kubernetes name: `DefaultDeny` gives `default-deny`. */
export function kebabName(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** The name of a pattern's (first) policy: `metadata.name`, else the id in kebab-case. */
export function baseName(scope: Construct, metadata: ApiObjectMetadata | undefined): string {
  const name = metadata?.name ?? kebabName(scope.node.id);
  if (name === '') {
    throw new Error(`${scope.node.path}: cannot derive a policy name from the construct id '${scope.node.id}'; set metadata.name`);
  }
  return name;
}

/** Metadata for one of the pattern's policies. */
export function metadataFor(metadata: ApiObjectMetadata | undefined, name: string): ApiObjectMetadata {
  return { ...metadata, name };
}

/**
 * Pods must be chosen (jsii callers can pass nothing). Every pod takes `Pods.all()`: `Pods` itself
 * refuses an empty label map or selector, so forgetting the labels never widens a policy.
 */
export function requireChosenPods(scope: Construct, what: string, pods: Pods | undefined): Pods {
  if (pods === undefined) {
    throw new Error(`${scope.node.path}: ${what} is missing: choose the pods with Pods.of(workload), Pods.labels({...}) or Pods.all()`);
  }
  return pods;
}

/** A list given by the user must not be empty: an empty list means nothing and never "all". */
export function requireNonEmpty<T>(scope: Construct, what: string, list: T[] | undefined, hint: string): T[] {
  if (list === undefined || list.length === 0) {
    throw new Error(`${scope.node.path}: ${what} is empty, so nothing would be allowed; ${hint}`);
  }
  return list;
}

/** Ports given by the user (not empty), else the pods' declared container ports, else every port. */
export function portsOrDeclared(scope: Construct, what: string, ports: Port[] | undefined, pods: Pods): Port[] {
  if (ports !== undefined) return requireNonEmpty(scope, what, ports, 'leave it out for the default, or pass [Port.allTraffic()] to allow every port');
  const declared = pods.containerPorts ?? [];
  if (declared.length > 0) return pods.ports();
  return [Port.allTraffic()];
}

/** Ports given by the user (not empty), else the pods' declared container ports; never "every port" by default. */
export function portsOrDeclaredStrict(scope: Construct, what: string, ports: Port[] | undefined, pods: Pods, hint: string): Port[] {
  if (ports !== undefined) return requireNonEmpty(scope, what, ports, 'pass the ports, or [Port.allTraffic()] to allow every port');
  const declared = pods.containerPorts ?? [];
  if (declared.length > 0) return pods.ports();
  throw new Error(`${scope.node.path}: ${what} are not known: ${pods.describe()} declares no container ports; ${hint}`);
}

/** Check the exceptions of an ipBlock at construction (the API server's strict-subset rule). */
export function checkCidr(scope: Construct, what: string, cidr: string, except: string[]): void {
  for (const e of except) {
    const problem = exceptProblem(cidr, e);
    if (problem !== undefined) {
      throw new Error(`${scope.node.path}: ${what}: except ${problem}; each except must be a CIDR strictly inside '${cidr}': fix or remove it`);
    }
  }
}

/** The allowances that keep DNS working, or none when opted out; refuses contradictory options. */
export function dnsAllowances(scope: Construct, allowDns: boolean | undefined, dns: ClusterDnsOptions | undefined): { peer: Peer; ports: Port[] }[] {
  if (allowDns === false) {
    if (dns !== undefined) {
      const asked = dns.ports !== undefined ? ` (ports ${dns.ports.map((p) => p.toString()).join(', ')})` : '';
      throw new Error(`${scope.node.path}: allowDns is false but dns options are given${asked}: remove the dns options, or remove allowDns: false to keep DNS`);
    }
    return [];
  }
  const options = dns ?? {};
  const selector = options.selector ?? LabelSelector.labels(KUBE_DNS_LABELS);
  if (selector.isEmpty) {
    throw new Error(`${scope.node.path}: dns.selector is empty, which would allow every pod of namespace '${options.namespace ?? KUBE_DNS_NAMESPACE}'; give the DNS pods' labels (default k8s-app=kube-dns)`);
  }
  const namespace = options.namespace ?? KUBE_DNS_NAMESPACE;
  if (namespace === '') throw new Error(`${scope.node.path}: dns.namespace is empty; give the DNS pods' namespace (default kube-system)`);
  const ports = options.ports === undefined ? [...Port.DNS] : requireNonEmpty(scope, 'dns.ports', options.ports, 'leave it out for UDP and TCP 53');
  const out = [{ peer: Peer.podsInNamespace(namespace, selector), ports }];
  if (options.nodeLocalDnsCache === false && options.nodeLocalDnsAddress !== undefined) {
    throw new Error(`${scope.node.path}: dns.nodeLocalDnsAddress is set but dns.nodeLocalDnsCache is false: remove one of them`);
  }
  if (options.nodeLocalDnsCache === true || options.nodeLocalDnsAddress !== undefined) {
    out.push({ peer: Peer.cidr(nodeLocalCidr(scope, options.nodeLocalDnsAddress ?? NODE_LOCAL_DNS_ADDRESS)), ports });
  }
  return out;
}

function nodeLocalCidr(scope: Construct, address: string): string {
  const parsed = addressFamily(address);
  if (parsed === undefined) {
    throw new Error(`${scope.node.path}: dns.nodeLocalDnsAddress '${address}' is not an IP address or CIDR; the default is ${NODE_LOCAL_DNS_ADDRESS}`);
  }
  if (parsed.isCidr) return address;
  return parsed.family === 4 ? `${address}/32` : `${address}/128`;
}
