/**
 * The policies of the source article ("Advanced Network Policy Capabilities"),
 * one chart per distinct policy, each with the article's `metadata.name` and meaning (the same pods
 * selected, the same traffic allowed), `policyTypes` written out.
 *
 * Beside each policy the article gets wrong, a `-fixed` chart holds the corrected version, with a
 * comment saying what changed and why. `restrict-web-ingress` is right as written.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import {
  AllowDnsEgress, AllowFromNamespace, AllowFromPods, DbTier, LabelSelector, Peer, Pods, PodScope, Port,
  RestrictEgressToCidr, SelectorOperator,
} from '../src';

/** `app In [value]`, as the article writes its selectors. */
function appIn(value: string): LabelSelector {
  return LabelSelector.of({ expressions: [{ key: 'app', operator: SelectorOperator.IN, values: [value] }] });
}

/** The article's `podSelector: {matchExpressions: [{key: app, operator: In, values: [webserver]}]}`. */
const webservers = () => Pods.select(appIn('webserver'));
/** The article's `app In [database]`. */
const databases = () => Pods.select(appIn('database'));

/**
 * "Pod Selectors with Multiple Expressions" and "Ingress from Specific Ports": as written, it selects
 * the `app In [webserver]` pods and lets every pod of their namespace reach them on TCP 80.
 */
export class AllowDbAccessOnServicePortChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowFromPods(this, 'allow-db-access-on-service-port', {
      selector: webservers(),
      sources: [Pods.all()],
      ports: [Port.tcp(80)],
    });
  }
}

/**
 * Fixed: the article's text says this policy "only applies to pods with labels app: database and
 * tier: backend", and its name speaks of db access, but its YAML selects `app In [webserver]`.
 * This version selects what the name and the text say, with the section's multiple expressions
 * (`app In [database]` AND `tier In [backend]`). The port and the allowed sources are the article's.
 */
export class AllowDbAccessOnServicePortFixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowFromPods(this, 'allow-db-access-on-service-port-fixed', {
      selector: Pods.select(LabelSelector.of({
        expressions: [
          { key: 'app', operator: SelectorOperator.IN, values: ['database'] },
          { key: 'tier', operator: SelectorOperator.IN, values: ['backend'] },
        ],
      })),
      sources: [Pods.all()],
      ports: [Port.tcp(80)],
    });
  }
}

/** "Namespace Selectors": every pod of the namespace accepts traffic only from pods of the `frontend` namespace. */
export class RestrictWebIngressChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowFromNamespace(this, 'restrict-web-ingress', {
      selector: Pods.all(),
      namespace: 'frontend',
    });
  }
}

/**
 * "Egress to Specific IPs/CIDRs": as written, the `app In [database]` pods may reach the pods of
 * their own namespace (`podSelector: {}`) or 10.0.0.0/16, on every port; nothing else, not even DNS.
 * And since the YAML has no `policyTypes`, Kubernetes implies Ingress too: the database pods accept
 * no ingress at all.
 */
export class RestrictDbEgressChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new RestrictEgressToCidr(this, 'restrict-db-egress', {
      selector: databases(),
      cidrs: [{ cidr: '10.0.0.0/16' }],
      alsoToPods: PodScope.SAME_NAMESPACE,
      allowDns: false, // the article allows no DNS
      denyIngress: true, // what its missing policyTypes means: [Ingress, Egress]
    });
  }
}

/**
 * Fixed: the article says the database pods may "communicate with any pod within the cluster", but a
 * bare `podSelector: {}` peer is the pods of the policy's own namespace only. Any pod of the cluster
 * is `namespaceSelector: {}` (`PodScope.CLUSTER`). DNS is also allowed explicitly (UDP and TCP 53 to
 * kube-dns), so that it keeps working if the pod scope is ever narrowed. And `policyTypes` is
 * `[Egress]` only: the article's version, with no `policyTypes`, also denied every ingress to the
 * database pods, which an egress restriction never meant to do.
 */
export class RestrictDbEgressFixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new RestrictEgressToCidr(this, 'restrict-db-egress-fixed', {
      selector: databases(),
      cidrs: [{ cidr: '10.0.0.0/16' }],
      alsoToPods: PodScope.CLUSTER,
    });
  }
}

/**
 * "Protocol Specificity": as written, an **ingress** rule: every pod of the namespace may send UDP 53
 * to the webserver pods (which are not DNS servers).
 */
export class AllowDnsUdpChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowFromPods(this, 'allow-dns-udp', {
      selector: webservers(),
      sources: [Pods.all()],
      ports: [Port.udp(53)],
    });
  }
}

/**
 * Fixed: DNS for the webservers is an **egress** allowance to the cluster DNS (the `k8s-app=kube-dns`
 * pods of `kube-system`), on UDP 53 **and** TCP 53 (answers too large for UDP are retried over TCP).
 * It is meant beside a default deny: alone, it isolates the webservers' egress to DNS only.
 */
export class AllowDnsUdpFixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowDnsEgress(this, 'allow-dns-udp-fixed', { selector: webservers() });
  }
}

/**
 * "Application Ports": as written (there is no `applicationPorts` field in its YAML), every pod of
 * the namespace may reach the webserver pods on TCP 80.
 */
export class AllowHttpIngressChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AllowFromPods(this, 'allow-http-ingress', {
      selector: webservers(),
      sources: [Pods.all()],
      ports: [Port.tcp(80)],
    });
  }
}

/**
 * Fixed: NetworkPolicy has no `applicationPorts` field and cannot read a Service's ports. The real
 * mechanism is a named container port: `port: http` is resolved on each webserver pod against its
 * containers' ports, so the number lives in one place. The name and its protocol are taken from the
 * webserver Deployment's container.
 */
export class AllowHttpIngressFixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const webserver = new kplus.Deployment(this, 'webserver', {
      podMetadata: { labels: { app: 'webserver' } },
      containers: [{ image: 'nginx:1.27', ports: [{ number: 80, name: 'http' }] }],
    });
    new AllowFromPods(this, 'allow-http-ingress-fixed', {
      selector: webservers(),
      sources: [Pods.all()],
      ports: [Pods.of(webserver).port('http')],
    });
  }
}

/**
 * "Combining Ingress and Egress Rules": as written, the `app In [database]` pods accept every port
 * from the webserver pods of their namespace, and may reach the pods of their namespace or
 * 192.168.0.0/16, on every port; nothing else, not even DNS.
 */
export class RestrictDbCommunicationChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new DbTier(this, 'restrict-db-communication', {
      database: databases(),
      clients: [webservers()],
      ports: [Port.allTraffic()],
      egress: [
        { peer: Peer.pods(LabelSelector.all()), ports: [Port.allTraffic()] },
        { peer: Peer.cidr('192.168.0.0/16'), ports: [Port.allTraffic()] },
      ],
      allowDns: false, // the article allows no DNS
    });
  }
}

/**
 * Fixed: the article reads its two egress items as "any pod within the 192.168.0.0/16 range", but
 * list items are OR: the pods of the namespace, **or** anything in 192.168.0.0/16. This version allows
 * what the text says: egress to 192.168.0.0/16 only (pods there are matched by their IPs), plus DNS.
 * The webservers may now use only the database port (PostgreSQL's 5432/TCP here), not every port.
 */
export class RestrictDbCommunicationFixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new DbTier(this, 'restrict-db-communication-fixed', {
      database: databases(),
      clients: [webservers()],
      ports: [Port.tcp(5432)],
      egress: [{ peer: Peer.cidr('192.168.0.0/16'), ports: [Port.allTraffic()] }],
    });
  }
}

/** Every article chart, by chart id (the output file is `<id>.k8s.yaml`). */
export const ARTICLE_CHARTS: { [id: string]: new (scope: Construct, id: string) => Chart } = {
  'article-allow-db-access-on-service-port': AllowDbAccessOnServicePortChart,
  'article-allow-db-access-on-service-port-fixed': AllowDbAccessOnServicePortFixedChart,
  'article-restrict-web-ingress': RestrictWebIngressChart,
  'article-restrict-db-egress': RestrictDbEgressChart,
  'article-restrict-db-egress-fixed': RestrictDbEgressFixedChart,
  'article-allow-dns-udp': AllowDnsUdpChart,
  'article-allow-dns-udp-fixed': AllowDnsUdpFixedChart,
  'article-allow-http-ingress': AllowHttpIngressChart,
  'article-allow-http-ingress-fixed': AllowHttpIngressFixedChart,
  'article-restrict-db-communication': RestrictDbCommunicationChart,
  'article-restrict-db-communication-fixed': RestrictDbCommunicationFixedChart,
};

/** Add every article chart to an app. */
export function addArticleCharts(app: App): Chart[] {
  return Object.entries(ARTICLE_CHARTS).map(([id, chart]) => new chart(app, id));
}
