import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkPolicy, Peer, Pods, Port } from '../src';

/** The README's first example: the db pods of `shop` accept only the api pods, on 5432/TCP. */
export class QuickStartChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });
    const db = new NetworkPolicy(this, 'db', {
      selector: Pods.labels({ app: 'db' }),
      metadata: { name: 'db-accepts-api' },
    });
    db.allowIngress(Peer.podsWithLabels({ app: 'api' }), Port.tcp(5432));
  }
}
