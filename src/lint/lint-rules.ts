import { Severity } from './severity';

/**
 * A lint rule: its stable id, its default severity and what it checks.
 */
export interface LintRuleInfo {
  /** The stable id (`dns-blocked`). */
  readonly id: string;
  /** The default severity; `cni-*` findings are warnings where the plugin's support is unknown. */
  readonly severity: Severity;
  /** One line. */
  readonly summary: string;
  /** What goes wrong and what to write instead. */
  readonly help: string;
  /** Whether the rule needs a network plugin profile (`--cni`). */
  readonly needsProfile: boolean;
}

const RULES: LintRuleInfo[] = [
  {
    id: 'invalid',
    severity: Severity.ERROR,
    needsProfile: false,
    summary: 'The API server would reject the object',
    help: 'The manifest fails the API server\'s validation (the same errors as `cdk8s-netpol validate`): fix the field named in the message.',
  },
  {
    id: 'duplicate-name',
    severity: Severity.ERROR,
    needsProfile: false,
    summary: 'Two objects of the input have the same kind, namespace and name',
    help: '`kubectl apply` keeps one object per name, the last one applied: the earlier definition never takes effect. Only the later one is linted and analysed; remove one, or rename it.',
  },
  {
    id: 'other-api',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'A policy of another API (Antrea, Istio, Calico\'s staged policies, ...), which is not checked',
    help: 'cdk8s-netpol reads NetworkPolicies, the admin policy APIs, Calico v3 policies and network sets, and Cilium policies: this object is none of them, so it is not validated, and its effect (it can deny, or allow, what the NetworkPolicies decide) is not part of the other findings.',
  },
  {
    id: 'cni-no-enforcement',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'The network plugin enforces no NetworkPolicy at all',
    help: 'The API server accepts the policy and nothing enforces it: every pod stays open. Install a policy controller (on K3s, keep the embedded one: do not pass --disable-network-policy), or lint against the plugin that does enforce your policies.',
  },
  {
    id: 'cni-named-port',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'A named port that the plugin does not support',
    help: 'Some plugins drop the whole policy (Weave: fail-open) or ignore the name (OVN-Kubernetes). Write the container port\'s number instead of its name.',
  },
  {
    id: 'cni-endport',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'A port range (endPort) that the plugin does not enforce',
    help: 'Plugins without endPort support allow only the first port of the range (Azure NPM, Weave, Cilium <= 1.14). List the ports one by one, or move to a plugin that supports ranges.',
  },
  {
    id: 'cni-sctp',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'An SCTP port on a plugin without SCTP policy support',
    help: 'The rule will not allow SCTP traffic (Calico eBPF), or support depends on settings (Cilium: sctp.enabled). Check the plugin, or use a dataplane with SCTP support.',
  },
  {
    id: 'cni-ipblock-pod-ip',
    severity: Severity.WARNING,
    needsProfile: true,
    summary: 'An ipBlock covering pod addresses, on a plugin that never matches pods by IP',
    help: 'On Cilium (and AKS, GKE Dataplane V2) an ipBlock never matches pods, even 0.0.0.0/0. Select pods with podSelector / namespaceSelector; keep ipBlock for addresses outside the cluster.',
  },
  {
    id: 'cni-standalone-pod',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'A selected pod without an owner, which the plugin does not enforce',
    help: 'The Amazon VPC CNI policy agent applies policies only to pods with metadata.ownerReferences. Run the pod from a Deployment, StatefulSet, Job, ...',
  },
  {
    id: 'cni-port-limit',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'More port/protocol combinations for one peer than the plugin accepts',
    help: 'The Amazon VPC CNI accepts at most 24 unique port/protocol combinations per peer (selector or CIDR), counted across policies. Use port ranges (endPort) or fewer ports.',
  },
  {
    id: 'cni-host-network',
    severity: Severity.WARNING,
    needsProfile: true,
    summary: 'A policy selects hostNetwork pods, which the plugin does not isolate',
    help: 'No plugin lets a podSelector select hostNetwork pods: they stay open whatever the policy says. Protect nodes with the plugin\'s host policies (Calico HostEndpoint, Cilium host firewall), or run the pod on the pod network.',
  },
  {
    id: 'cni-admin-policy',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'A cluster-wide policy of an API that the plugin does not enforce',
    help: 'AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy are implemented by few plugins, and from given versions (Calico: 3.29, 3.30, 3.32; none on K3s, Flannel, Cilium). Where the plugin does not implement the API, the object is accepted and ignored: what it denies stays open. Use a plugin that enforces it, or write the rules as NetworkPolicies.',
  },
  {
    id: 'cni-dialect',
    severity: Severity.ERROR,
    needsProfile: true,
    summary: 'A Calico or Cilium policy on a plugin that does not enforce that dialect',
    help: 'Calico\'s projectcalico.org/v3 policies are enforced only by Calico (and Canal), Cilium\'s cilium.io/v2 policies only by Cilium. On another plugin the object does nothing: what it denies stays open, what it allows stays closed. Write NetworkPolicies, or the dialect of the plugin that runs.',
  },
  {
    id: 'cilium-fqdn-dns',
    severity: Severity.ERROR,
    needsProfile: false,
    summary: 'A Cilium toFQDNs rule in a policy with no DNS rule: it allows nothing',
    help: 'Cilium learns the addresses of a name only from the DNS answers its DNS proxy sees, and the proxy sees only lookups that an egress rule with toPorts.rules.dns sends through it. Add an egress rule to kube-dns on UDP and TCP 53 with rules.dns (matchPattern "*"), as RestrictEgressToDomains does.',
  },
  {
    id: 'dns-blocked',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'Egress is isolated and no policy allows DNS for the pods',
    help: 'Allow UDP and TCP 53 to the cluster DNS pods (namespace kube-system, label k8s-app=kube-dns) in an egress rule of a policy that selects these pods. For another DNS (OpenShift: openshift-dns on 5353), give --dns-namespace, --dns-labels and --dns-port.',
  },
  {
    id: 'or-peer',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'A namespaceSelector and a podSelector in separate items of one rule (OR), where one item (AND) was likely meant',
    help: 'Two items mean "any pod of these namespaces OR these pods of the policy\'s namespace". For "these pods in these namespaces" put both selectors in the same item.',
  },
  {
    id: 'selects-nothing',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'The policy\'s pod selector matches no workload of the input',
    help: 'Check the labels (case-sensitive) and the namespace: a policy selects pods of its own namespace only.',
  },
  {
    id: 'unused-named-port',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'A named port that no destination pod declares',
    help: 'A named port resolves against the container ports of the destination pods (the selected pods for ingress, the peer pods for egress), by name and protocol. A name no pod declares allows nothing; it never matches ipBlock destinations.',
  },
  {
    id: 'redundant-rule',
    severity: Severity.INFO,
    needsProfile: false,
    summary: 'A rule implied by another rule of the same policy',
    help: 'Every peer and port of the rule is already allowed by another rule of the policy: remove it, or narrow the other rule.',
  },
  {
    id: 'implicit-egress',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'No policyTypes and no egress rules: egress stays open, while other policies of the namespace isolate egress',
    help: 'Without policyTypes the API server sets [Ingress] (plus Egress only when egress rules exist), so `egress: []` does not deny egress. Write policyTypes explicitly: [Ingress, Egress] to deny egress, [Ingress] to leave it open.',
  },
  {
    id: 'admin-priority-tie',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'Two cluster-wide policies of one tier with the same priority',
    help: 'Where both match a connection, the API leaves undefined which one decides, and plugins differ. Give each AdminNetworkPolicy (or ClusterNetworkPolicy of a tier) its own priority.',
  },
  {
    id: 'admin-networks-pods',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'A networks peer of 0.0.0.0/0 or ::/0 that also matches every pod',
    help: '`networks` match by IP, pods included: an Allow or Deny of 0.0.0.0/0 decides pod-to-pod traffic too. Put a Pass rule for the pods before it, or name the pods in the rule to say it is meant.',
  },
  {
    id: 'admin-pass-baseline',
    severity: Severity.WARNING,
    needsProfile: false,
    summary: 'A Pass in the Baseline tier, which has nothing after it',
    help: 'The baseline is the last tier: passed traffic is allowed, as if no rule matched. Write Accept to say so, or Deny.',
  },
  {
    id: 'admin-allow-final',
    severity: Severity.INFO,
    needsProfile: false,
    summary: 'An admin-tier Allow, which no NetworkPolicy can narrow',
    help: 'Allow in the admin tier is final for the traffic it matches: the namespaces\' NetworkPolicies cannot restrict it. Use Pass to let them decide, or narrow the rule.',
  },
  {
    id: 'exposed-workload',
    severity: Severity.INFO,
    needsProfile: false,
    summary: 'A workload that a rule opens to every pod of every namespace',
    help: 'A rule without `from`, or with a peer `namespaceSelector: {}` (and no or an empty podSelector), lets every pod of every namespace in, namespaces created later included, on every network plugin. If only some namespaces need it, select them by label. `analyze --exposure` lists every exposed workload, those no policy isolates too.',
  },
];

/**
 * The lint rules, with their ids and default severities.
 */
export class LintRules {
  /** Every rule, in a stable order. */
  public static all(): LintRuleInfo[] {
    return RULES.map((r) => ({ ...r }));
  }

  /** The rule with this id; throws for an unknown id. */
  public static byId(id: string): LintRuleInfo {
    const rule = RULES.find((r) => r.id === id);
    if (!rule) throw new Error(`unknown lint rule ${JSON.stringify(id)}; known: ${RULES.map((r) => r.id).join(', ')}`);
    return { ...rule };
  }

  private constructor() {}
}
