/** A port of a lab pod's container (what named ports resolve to). */
export interface LabContainerPort {
  readonly port: number;
  readonly protocol: string;
  readonly name?: string;
}

/** A pod the lab creates: a network namespace and a Pod object with this IP as status.podIP. */
export interface LabPod {
  /** How results name it: `namespace/name`, or the analysis' endpoint id. */
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly ports: readonly LabContainerPort[];
  /** The pod's IP in the lab. */
  readonly ip: string;
}

/** An address outside the cluster, emulated in the world namespace (routed through the node). */
export interface LabExternal {
  /** How results name it: `ip:<address>` or the address. */
  readonly ref: string;
  readonly ip: string;
}

/** One connection to try: from and to are refs of pods or externals. */
export interface LabProbe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
}

/** Everything one run of the lab applies and probes. */
export interface LabScenario {
  readonly namespaces: ReadonlyArray<{ name: string; labels: { [key: string]: string } }>;
  readonly pods: readonly LabPod[];
  readonly externals: readonly LabExternal[];
  /** The NetworkPolicy manifests, applied in order as written. */
  readonly policies: readonly any[];
  /**
   * `projectcalico.org/v3` objects (NetworkPolicy, GlobalNetworkPolicy, NetworkSet, GlobalNetworkSet),
   * applied after the NetworkPolicies (written as `crd.projectcalico.org/v1`, see `toCalicoCrdObject`);
   * only an engine that enforces their kinds (Calico) runs them. @default none
   */
  readonly calicoObjects?: readonly any[];
  /**
   * The cluster-wide policy manifests (AdminNetworkPolicy, BaselineAdminNetworkPolicy), applied after
   * the NetworkPolicies; only an engine that enforces their kinds runs them. @default none
   */
  readonly clusterPolicies?: readonly any[];
  readonly probes: readonly LabProbe[];
}

/** What the dataplane did with one probe. `unmeasurable`: the lab cannot send it (SCTP, an endpoint it could not create). */
export type Observed = 'allowed' | 'denied' | 'unmeasurable';

export interface LabProbeResult extends LabProbe {
  readonly observed: Observed;
  /** Why a probe is unmeasurable, or what the connection attempt said. */
  readonly detail?: string;
}

/** The API server's answer to one policy of the scenario. */
export interface AppliedPolicy {
  /** `namespace/name` (a NetworkPolicy), `Kind namespace/name` or `Kind name` (a Calico object). */
  readonly policy: string;
  readonly accepted: boolean;
  /** The API server's message when it refused the policy. */
  readonly message?: string;
}

export interface ScenarioOutcome {
  readonly applied: AppliedPolicy[];
  readonly results: LabProbeResult[];
  /** Milliseconds from the last object applied to the engine's enforcement (the sentinel flip). */
  readonly enforceMs: number;
  /** Milliseconds taken by the probes. */
  readonly probeMs: number;
}
