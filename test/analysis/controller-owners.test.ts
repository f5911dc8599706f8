import { Port, Reachability } from '../../src';

/** A `kubectl get deploy,rs,pods -o yaml` dump: the Deployment, its ReplicaSet and its Pods are one endpoint. */
function dump(extraPod = false): any[] {
  const labels = { app: 'web' };
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'd1' }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, name: 'http' }] }] } } } };
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d8f', namespace: 'shop', uid: 'r1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] }, spec: deployment.spec };
  const pod = (name: string, ip: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'r1', controller: true }] }, spec: deployment.spec.template.spec, status: { podIP: ip, podIPs: [{ ip }] } });
  const client = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'shop', labels: { app: 'client' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
  const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'client-egress', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/24' } }] }] } };
  const objects: any[] = [deployment, rs, pod('web-5d8f-a', '10.1.0.5'), pod('web-5d8f-b', '10.1.0.6'), client, policy];
  if (extraPod) objects.push({ ...pod('orphan', '10.9.0.1'), metadata: { name: 'orphan', namespace: 'shop', labels, ownerReferences: [{ kind: 'ReplicaSet', name: 'gone', controller: true }] } });
  return objects;
}

test('a workload, its ReplicaSet and its Pods are one endpoint that carries the pods\' IPs', () => {
  const r = Reachability.fromManifests(dump());
  expect(r.endpoints.filter((e) => !e.external).map((e) => e.id)).toEqual(['shop/web[Deployment]', 'shop/client[Pod]']);
  // Outside the cluster, the address space cut at the ipBlock.
  expect(r.endpoints.filter((e) => e.external).map((e) => e.id)).toEqual(['0.0.0.0-10.0.255.255', '10.1.0.0/24', '10.1.1.0-255.255.255.255', '::/0']);
  expect(r.isAllowed('shop/client[Pod]', '10.1.0.0/24', Port.tcp(80))).toBe(true);
  expect(r.isAllowed('shop/client[Pod]', '10.1.1.0-255.255.255.255', Port.tcp(80))).toBe(false);
  // The client may reach only 10.1.0.0/24: the web pods' IPs, merged into the Deployment, are in it.
  expect(r.isAllowed('shop/client[Pod]', 'shop/web[Deployment]', Port.tcp(80))).toBe(true);
  expect(r.problems).toEqual([]);
});

test('a pod whose controller is not in the input stays an endpoint of its own', () => {
  const r = Reachability.fromManifests(dump(true));
  expect(r.endpoints.map((e) => e.id)).toContain('shop/orphan[Pod]');
  expect(r.isAllowed('shop/client[Pod]', 'shop/orphan[Pod]', Port.tcp(80))).toBe(false);
});
