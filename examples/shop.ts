// docs:start
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { Microsegmentation, Peer, Pods, Port } from '../src';

/**
 * A shop in namespace `shop`: web, api and db tiers. The frontend namespace reaches web, web reaches
 * api, api reaches db and a payment provider's CIDR on 443; every pod may use DNS; nothing else flows.
 */
export class ShopChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const web = new kplus.Deployment(this, 'web', {
      containers: [{ image: 'ghcr.io/example/shop-web:1.4', ports: [{ number: 8080, name: 'http' }] }],
    });
    const api = new kplus.Deployment(this, 'api', {
      containers: [{ image: 'ghcr.io/example/shop-api:2.1', ports: [{ number: 9000, name: 'http' }] }],
    });
    const db = new kplus.StatefulSet(this, 'db', {
      containers: [{ image: 'postgres:16', ports: [{ number: 5432, name: 'postgres' }] }],
    });

    new Microsegmentation(this, 'shop', {
      // Each tier serves on its containers' ports unless told otherwise.
      tiers: [
        { name: 'web', pods: Pods.of(web) },
        { name: 'api', pods: Pods.of(api) },
        { name: 'db', pods: Pods.of(db) },
      ],
      flows: [
        { fromTier: 'web', toTier: 'api' },
        { fromTier: 'api', toTier: 'db' },
      ],
      ingress: [{ peer: Peer.namespace('frontend'), toTier: 'web' }],
      egress: [{ fromTier: 'api', peer: Peer.cidr('198.51.100.0/24'), ports: [Port.tcp(443)] }],
    });
  }
}
// docs:end
