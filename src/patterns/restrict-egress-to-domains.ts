import { ApiObject, ApiObjectMetadata, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { DomainPolicyDialect } from './domain-policy-dialect';
import { baseName, dnsAllowances, requireChosenPods, requireNonEmpty } from './pattern-support';
import { PodScope } from './pod-scope';
import { DialectObject } from '../constructs/dialect-object';
import { Pods } from '../constructs/pods';
import { CalicoOptions, resolveCalicoOptions } from '../dialects/calico/calico-options';
import { CALICO_API_VERSION, calicoEntityOfDomains, calicoRules, emitCalicoNetworkPolicy } from '../dialects/calico/emit-calico';
import { validateCalicoManifest } from '../dialects/calico/validate-calico';
import { CiliumOptions, resolveCiliumOptions } from '../dialects/cilium/cilium-options';
import { CILIUM_API_VERSION, ciliumFqdnRules, emitCiliumNetworkPolicy } from '../dialects/cilium/emit-cilium';
import { validateCiliumManifest } from '../dialects/cilium/validate-cilium';
import { findNetpolSettings } from '../lint/netpol-settings';
import { DomainName } from '../model/domain-name';
import { LabelSelector } from '../model/label-selector';
import { NetworkPolicyModel } from '../model/network-policy-model';
import { Peer } from '../model/peer';
import { PolicyRule } from '../model/policy-rule';
import { PolicyType } from '../model/policy-type';
import { Port } from '../model/port';
import { CniProfile } from '../profiles/cni-profile';

/**
 * Properties of `RestrictEgressToDomains`.
 */
export interface RestrictEgressToDomainsProps {
  /** The pods whose egress is restricted: `Pods.of(workload)`, `Pods.labels({...})` or `Pods.all()`. */
  readonly selector: Pods;
  /** The names egress may reach (at least one): `DomainName.exact`, `DomainName.pattern`, `DomainName.subdomains`. */
  readonly domains: DomainName[];
  /**
   * The ports egress may use to those names (and to the pods of `alsoToPods`).
   * @default - every port
   */
  readonly ports?: Port[];
  /**
   * Pods that egress may also reach, on the same ports.
   * @default PodScope.NONE
   */
  readonly alsoToPods?: PodScope;
  /**
   * Also isolate the chosen pods for ingress, allowing none here.
   * @default false
   */
  readonly denyIngress?: boolean;
  /**
   * Where the cluster DNS is. DNS is always kept: without it no name resolves, and Cilium's DNS
   * proxy, which learns the names' addresses from the lookups, would allow nothing.
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
  /**
   * The dialect to write. It must agree with the plugin of `NetpolSettings` when one is set
   * (a policy the plugin ignores is never written); Calico Enterprise is chosen only here, since
   * no plugin profile describes it.
   * @default - from `NetpolSettings.of(app or chart).cni`: Cilium for `Cni.cilium()`; any other plugin is refused
   */
  readonly dialect?: DomainPolicyDialect;
  /**
   * The Cilium release (for `DomainPolicyDialect.CILIUM`).
   * @default - Cilium 1.15
   */
  readonly cilium?: CiliumOptions;
  /**
   * The Calico release and options (for `DomainPolicyDialect.CALICO_ENTERPRISE`; the edition is Enterprise).
   * @default - Calico Enterprise 3.27, order 1000
   */
  readonly calico?: CalicoOptions;
  /**
   * Metadata of the policy.
   * @default - the name is the construct id in kebab-case; the namespace is the chart's, or else the selected workload's
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Restrict the egress of the chosen pods to domain names, on given ports, with DNS kept: the
 * article's "restrict outbound traffic to specific IP addresses or domains", for the domains.
 *
 * A `networking.k8s.io/v1` NetworkPolicy cannot name a domain, so this writes the dialect of the
 * plugin chosen with `NetpolSettings` (or `dialect`): Cilium `toFQDNs` with the DNS rule it needs,
 * or Calico Enterprise `domains`. The meaning of each name is fixed by `DomainName`; a dialect that
 * cannot say it refuses it and says how to write it. On a plugin with no domain policy (Calico Open
 * Source, K3s, Flannel, ...) synth fails naming the plugin: allow the addresses with
 * `RestrictEgressToCidr` instead. It never writes a policy that the target ignores.
 */
export class RestrictEgressToDomains extends Construct {
  /**
   * The dialect written.
   * @default - none when no dialect could be chosen (synth then fails)
   */
  public readonly dialect?: DomainPolicyDialect;
  /**
   * The L1 object.
   * @default - none when no dialect could be chosen (synth then fails)
   */
  public readonly apiObject?: ApiObject;

  public constructor(scope: Construct, id: string, props: RestrictEgressToDomainsProps) {
    super(scope, id);
    const selector = requireChosenPods(this, 'selector', props.selector);
    const domains = requireNonEmpty(this, 'domains', props.domains, 'give at least one DomainName');
    domains.forEach((d, i) => {
      if (!(d instanceof DomainName)) throw new TypeError(`${this.node.path}: domains[${i}] must be a DomainName (DomainName.exact('api.example.com'))`);
    });
    const ports = props.ports === undefined ? [Port.allTraffic()] : requireNonEmpty(this, 'ports', props.ports, 'leave it out for every port');
    const choice = chooseDialect(findNetpolSettings(this)?.cni, props.dialect);
    if (typeof choice === 'string') {
      this.node.addValidation({ validate: () => [`${this.node.path}: ${choice}`] });
      return;
    }
    this.dialect = choice.dialect;
    const dns = dnsAllowances(this, true, props.dns);
    const name = baseName(this, props.metadata);
    const namespace = props.metadata?.namespace ?? Chart.of(this).namespace ?? selector.namespace;
    const podPeers: Peer[] = [];
    switch (props.alsoToPods ?? PodScope.NONE) {
      case PodScope.SAME_NAMESPACE: podPeers.push(Peer.pods(LabelSelector.all())); break;
      case PodScope.CLUSTER: podPeers.push(Peer.anyPodInCluster()); break;
      default: break;
    }
    const policyTypes = props.denyIngress === true ? [PolicyType.INGRESS, PolicyType.EGRESS] : [PolicyType.EGRESS];
    const modelOf = (metadata: any, egress: PolicyRule[]) => new NetworkPolicyModel({
      name: metadata.name, namespace: metadata.namespace, podSelector: selector.selector, policyTypes, egress,
    });
    const podRules = podPeers.map((p) => PolicyRule.of([p], ports));

    if (this.dialect === DomainPolicyDialect.CILIUM) {
      const options = props.cilium ?? {};
      const resolved = resolveCiliumOptions(options);
      if (dns.length > 1) {
        throw new Error(`${this.node.path}: dns.nodeLocalDnsCache: Cilium's DNS proxy must see the lookups, ` +
          'and NodeLocal DNSCache needs a Cilium Local Redirect Policy for that; leave nodeLocalDnsCache out');
      }
      const dnsSelector = dns[0].peer.podSelector!;
      const dnsNamespace = props.dns?.namespace ?? 'kube-system';
      // Refused now rather than at synth: the names' meaning does not depend on anything added later.
      const fqdnRules = ciliumFqdnRules(domains, ports, { namespace: dnsNamespace, selector: dnsSelector, ports: dns[0].ports }, resolved);
      this.apiObject = new DialectObject(this, 'Resource', {
        apiVersion: CILIUM_API_VERSION,
        kind: 'CiliumNetworkPolicy',
        metadata: { ...props.metadata, name, namespace },
        produce: (metadata) => ({ spec: emitCiliumNetworkPolicy(modelOf(metadata, podRules), options, { egress: fqdnRules }).spec }),
      });
      this.node.addValidation({ validate: () => validateCiliumManifest(this.apiObject!.toJson(), options).map((e) => e.message) });
    } else {
      const options: CalicoOptions = { ...props.calico, enterprise: true };
      const resolved = resolveCalicoOptions(options);
      const domainRules = calicoRules({ entities: [calicoEntityOfDomains(domains, resolved)], ports }, PolicyType.EGRESS);
      const dnsRules = dns.map((d) => PolicyRule.of([d.peer], d.ports));
      this.apiObject = new DialectObject(this, 'Resource', {
        apiVersion: CALICO_API_VERSION,
        kind: 'NetworkPolicy',
        metadata: { ...props.metadata, name, namespace },
        produce: (metadata) => {
          const emitted = emitCalicoNetworkPolicy(modelOf(metadata, [...dnsRules, ...podRules]), options);
          const spec = { ...emitted.spec, egress: [...emitted.spec.egress, ...domainRules] };
          return { metadata: { ...metadata, name: emitted.metadata.name }, spec };
        },
      });
      this.node.addValidation({ validate: () => validateCalicoManifest(this.apiObject!.toJson(), options).map((e) => e.message) });
    }
  }
}

const CILIUM_PLUGINS = ['cilium'];
const CALICO_PLUGINS = ['calico', 'calico-ebpf', 'canal', 'gke-calico'];
const ELSEWHERE: { [name: string]: string } = {
  'gke-dataplane-v2': "GKE's own FQDNNetworkPolicy (not CiliumNetworkPolicy) filters by name there, and this library does not write it",
  'azure-cilium': 'FQDN filtering there needs Advanced Container Networking Services, which this library does not target',
  'antrea': "Antrea's own ClusterNetworkPolicy has FQDN rules, which this library does not write",
  'ovn-kubernetes': "OVN-Kubernetes' EgressFirewall has dnsName rules, which this library does not write",
};

/** The dialect for the plugin and the explicit choice, or why none can be written. */
function chooseDialect(cni: CniProfile | undefined, explicit: DomainPolicyDialect | undefined): { dialect: DomainPolicyDialect } | string {
  const fallback = 'allow the addresses instead: RestrictEgressToCidr with the provider\'s published ranges';
  if (cni === undefined) {
    if (explicit !== undefined) return { dialect: explicit };
    return 'no network plugin is chosen, and domain names need a plugin-specific policy: set NetpolSettings.of(app).cni (Cni.cilium()), ' +
      `or dialect: DomainPolicyDialect.CILIUM or CALICO_ENTERPRISE; on any other plugin, ${fallback}`;
  }
  if (CILIUM_PLUGINS.includes(cni.name)) {
    if (explicit === DomainPolicyDialect.CALICO_ENTERPRISE) {
      return `dialect is Calico Enterprise but the plugin is ${cni.displayName}, which ignores Calico policies; remove dialect`;
    }
    return { dialect: DomainPolicyDialect.CILIUM };
  }
  if (CALICO_PLUGINS.includes(cni.name)) {
    if (explicit === DomainPolicyDialect.CALICO_ENTERPRISE) return { dialect: explicit };
    return `${cni.displayName} has no domain-name policy (Calico Open Source cannot filter by name: 'domains' is Calico Enterprise and Cloud only); ` +
      `${fallback}; if the cluster runs Calico Enterprise, pass dialect: DomainPolicyDialect.CALICO_ENTERPRISE`;
  }
  const why = ELSEWHERE[cni.name] ?? 'it has no domain-name policy';
  if (explicit !== undefined) return `dialect is ${explicit} but the plugin is ${cni.displayName}, which would ignore that policy; ${fallback}`;
  return `${cni.displayName}: ${why}; ${fallback}`;
}
