/**
 * One intent, three dialects: the article's policies written as Calico v3 and as Cilium policies
 * (the same constructs, under `CalicoOutput` / `CiliumOutput`), Calico's cluster-wide default deny,
 * and egress limited to domain names for each plugin that can enforce it.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ARTICLE_CHARTS } from './article';
import {
  CalicoGlobalDefaultDeny, CalicoNetworkPolicy, CalicoNetworkSet, CalicoOutput, CiliumOutput, Cni, DomainName, DomainPolicyDialect,
  NetpolSettings, Pods, Port, RestrictEgressToDomains,
} from '../src';

/** The payment API's names: one exact name, and one label below the provider's storage domain. */
const PAYMENT_DOMAINS = [DomainName.exact('api.stripe.com'), DomainName.pattern('*.files.stripe.com')];

/** Egress of the payment pods limited to the payment provider's names, on a Cilium cluster. */
export class DomainsOnCiliumChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    NetpolSettings.of(this).cni = Cni.cilium();
    new RestrictEgressToDomains(this, 'payments-egress', {
      selector: Pods.labels({ app: 'payments' }),
      domains: PAYMENT_DOMAINS,
      ports: [Port.tcp(443)],
    });
  }
}

/** The same intent on Calico Enterprise (Calico Open Source has no domain policy: it is refused there). */
export class DomainsOnCalicoEnterpriseChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    new RestrictEgressToDomains(this, 'payments-egress', {
      selector: Pods.labels({ app: 'payments' }),
      domains: [DomainName.exact('api.stripe.com'), DomainName.subdomains('files.stripe.com')],
      ports: [Port.tcp(443)],
      dialect: DomainPolicyDialect.CALICO_ENTERPRISE,
    });
  }
}

/** Calico's cluster-wide default deny, and egress to a partner's networks kept in one network set. */
export class CalicoClusterChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    new CalicoGlobalDefaultDeny(this, 'default-deny', { excludeNamespaces: ['calico-apiserver'] });
    const partners = new CalicoNetworkSet(this, 'partners', { nets: ['198.51.100.0/24', '203.0.113.0/24'] });
    const api = new CalicoNetworkPolicy(this, 'api-to-partners', { selector: Pods.labels({ app: 'api' }), metadata: { name: 'api-to-partners' } });
    api.allowEgressToNetworkSet(partners, Port.tcp(443));
  }
}

/** The article's charts again, each written as Calico v3 (`<id>-calico`) and as Cilium 1.16 (`<id>-cilium`). */
export function addArticleDialectCharts(app: App): Chart[] {
  const charts: Chart[] = [];
  for (const [id, chart] of Object.entries(ARTICLE_CHARTS)) {
    const calico = new chart(app, `${id}-calico`);
    CalicoOutput.enable(calico);
    const cilium = new chart(app, `${id}-cilium`);
    CiliumOutput.enable(cilium, { version: '1.16' });
    charts.push(calico, cilium);
  }
  return charts;
}

/** Every chart of this file. */
export function addDialectCharts(app: App): Chart[] {
  return [
    ...addArticleDialectCharts(app),
    new CalicoClusterChart(app, 'calico-cluster'),
    new DomainsOnCiliumChart(app, 'domains-cilium'),
    new DomainsOnCalicoEnterpriseChart(app, 'domains-calico-enterprise'),
  ];
}
