import { Construct } from 'constructs';
import { ClusterDnsOptions } from './cluster-dns-options';
import { EgressDestination } from './egress-destination';
import { PatternProps } from './pattern-props';
import { baseName, checkCidr, dnsAllowances, metadataFor, portsOrDeclaredStrict, requireChosenPods, requireNonEmpty } from './pattern-support';
import { NetworkPolicy } from '../constructs/network-policy';
import { Pods } from '../constructs/pods';
import { Peer } from '../model/peer';
import { Port } from '../model/port';

/**
 * Properties of `DbTier`.
 */
export interface DbTierProps extends PatternProps {
  /** The database pods: `Pods.of(statefulSet)` or `Pods.labels({...})`. */
  readonly database: Pods;
  /**
   * The clients: pods that may connect to the database on its ports (at least one). Pods of the
   * database's namespace, or workloads of other namespaces (matched in their namespace).
   */
  readonly clients: Pods[];
  /**
   * The database port(s) the clients may use (at least one).
   * @default - the container ports of `database` when chosen with `Pods.of(workload)`; required otherwise
   */
  readonly ports?: Port[];
  /**
   * Where the database pods may connect to (replication peers, backups, ...), each on its ports.
   * Nothing else is allowed, except DNS.
   * @default - nowhere but DNS
   */
  readonly egress?: EgressDestination[];
  /**
   * Keep DNS working for the database pods: UDP and TCP 53 to the cluster DNS pods.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Where the cluster DNS is.
   * @default - CoreDNS / kube-dns: pods `k8s-app=kube-dns` in `kube-system`, UDP and TCP 53
   */
  readonly dns?: ClusterDnsOptions;
}

/**
 * A database tier locked down in both directions: the database pods accept only their clients, on the
 * database port(s); their egress goes only to the declared destinations, and to the cluster DNS.
 *
 * Writes one NetworkPolicy selecting the database pods, named after the construct id, with both
 * `Ingress` and `Egress` in `policyTypes`. The clients' own egress is not written here: where their
 * egress is denied, allow it too (or use `Microsegmentation`, which writes both ends).
 */
export class DbTier extends Construct {
  /** The policy of the database pods. */
  public readonly policy: NetworkPolicy;
  /** The database port(s). */
  public readonly ports: Port[];

  public constructor(scope: Construct, id: string, props: DbTierProps) {
    super(scope, id);
    const database = requireChosenPods(this, 'database', props.database);
    const clients = requireNonEmpty(this, 'clients', props.clients, 'give the pods that use the database')
      .map((pods, i) => requireChosenPods(this, `clients[${i}]`, pods));
    this.ports = portsOrDeclaredStrict(this, 'the database ports', props.ports, database, 'give ports, such as [Port.tcp(5432)]');
    this.policy = new NetworkPolicy(this, 'Policy', {
      selector: database,
      metadata: metadataFor(props.metadata, baseName(this, props.metadata)),
      isolateIngress: true,
      isolateEgress: true,
      strictCidr: props.strictCidr,
    });
    for (const client of clients) this.allowClient(client);
    (props.egress ?? []).forEach((d, i) => this.addEgress(`egress[${i}]`, d.peer, d.ports));
    for (const dns of dnsAllowances(this, props.allowDns, props.dns)) this.policy.allowEgress(dns.peer, ...dns.ports);
  }

  /** Allow more clients on the database ports. */
  public allowClient(client: Pods): void {
    this.policy.allowIngressFromPods(requireChosenPods(this, 'client', client), ...this.ports);
  }

  /** Allow the database pods to reach `peer` on the given ports (at least one). */
  public allowEgress(peer: Peer, ...ports: Port[]): void {
    this.addEgress('allowEgress', peer, ports);
  }

  private addEgress(what: string, peer: Peer, ports: Port[]): void {
    requireNonEmpty(this, `${what} ports`, ports, 'pass the ports, or Port.allTraffic() to allow every port');
    if (peer.ipBlock) checkCidr(this, what, peer.ipBlock.cidr, peer.ipBlock.except);
    this.policy.allowEgress(peer, ...ports);
  }
}
