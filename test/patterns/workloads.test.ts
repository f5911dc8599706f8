import * as kplus from 'cdk8s-plus-29';
import { chart, policies } from './support';
import { AllowFromPods, DbTier, Microsegmentation, Pods } from '../../src';

describe('every cdk8s-plus-29 workload kind is accepted wherever pods are chosen', () => {
  const containers = [{ image: 'img', ports: [{ number: 5353, protocol: kplus.Protocol.UDP, name: 'mdns' }, { number: 8080, name: 'http' }] }];
  const kinds: { [kind: string]: (c: any) => kplus.AbstractPod } = {
    Deployment: (c) => new kplus.Deployment(c, 'w', { containers }),
    StatefulSet: (c) => new kplus.StatefulSet(c, 'w', { containers }),
    DaemonSet: (c) => new kplus.DaemonSet(c, 'w', { containers }),
    Pod: (c) => new kplus.Pod(c, 'w', { containers }),
    Job: (c) => new kplus.Job(c, 'w', { containers }),
  };

  test.each(Object.keys(kinds))('%s: its pods are selected and its container ports (with protocol) are the default ports', (kind) => {
    const c = chart();
    const workload = kinds[kind](c);
    const client = new kplus.Deployment(c, 'client', { containers: [{ image: 'c' }] });
    const allow = new AllowFromPods(c, 'p', { selector: Pods.of(workload), sources: [Pods.of(client)] });
    new DbTier(c, 'db', { database: Pods.of(workload), clients: [Pods.of(client)], allowDns: false });
    new Microsegmentation(c, 'm', { tiers: [{ name: 'w', pods: Pods.of(workload) }, { name: 'c', pods: Pods.of(client) }], flows: [{ fromTier: 'c', toTier: 'w' }], allowDns: false });
    const manifests = policies(c);
    const selector = Pods.of(workload).selector.toJson();
    expect(Object.keys(selector.matchLabels)).toEqual(['cdk8s.io/metadata.addr']);
    for (const name of ['p', 'db', 'm-w']) {
      const m = manifests.find((x) => x.metadata.name === name);
      expect(m.spec.podSelector).toEqual(selector);
      expect(m.spec.ingress[0].ports).toEqual([{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 8080 }]);
    }
    expect(allow.policy.toModel().ingress[0].peers[0].podSelector!.toJson()).toEqual(Pods.of(client).selector.toJson());
  });
});
