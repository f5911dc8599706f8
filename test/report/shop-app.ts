import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { ShopChart } from '../../examples/shop';
import { Reachability } from '../../src';

/**
 * The shop of the examples with what surrounds it in a cluster: kube-dns in kube-system, a UI pod
 * in namespace frontend, a stranger in namespace other, the payment provider's address and another
 * address outside the cluster (as test/examples/examples.test.ts builds it).
 */
export function shopApp(): App {
  const app = Testing.app();
  new ShopChart(app, 'shop');
  const dns = new Chart(app, 'dns', { namespace: 'kube-system' });
  new kplus.Pod(dns, 'coredns', {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    containers: [{ image: 'coredns', ports: [{ number: 53, protocol: kplus.Protocol.UDP }, { number: 53 }] }],
  });
  new kplus.Pod(new Chart(app, 'frontend', { namespace: 'frontend' }), 'ui', { containers: [{ image: 'ui' }] });
  new kplus.Pod(new Chart(app, 'other', { namespace: 'other' }), 'stranger', { containers: [{ image: 'x' }] });
  return app;
}

export const SHOP_EXTERNALS = ['198.51.100.10', '203.0.113.10'];

export function shopAnalysis(): Reachability {
  return Reachability.of(shopApp(), { externals: SHOP_EXTERNALS });
}
