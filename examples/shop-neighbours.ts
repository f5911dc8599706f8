import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';

/**
 * What surrounds the shop in a cluster, for its report: kube-dns in kube-system (which the shop's
 * default deny lets every pod use) and a UI in namespace `frontend` (which may reach web).
 */
export function addShopNeighbours(app: App): Chart[] {
  const dns = new Chart(app, 'shop-neighbour-dns', { namespace: 'kube-system' });
  new kplus.Pod(dns, 'coredns', {
    metadata: { labels: { 'k8s-app': 'kube-dns' } },
    containers: [{ image: 'coredns', ports: [{ number: 53, protocol: kplus.Protocol.UDP }, { number: 53 }] }],
  });
  const frontend = new Chart(app, 'shop-neighbour-frontend', { namespace: 'frontend' });
  new kplus.Deployment(frontend, 'ui', { containers: [{ image: 'ui', portNumber: 8080 }] });
  return [dns, frontend];
}
