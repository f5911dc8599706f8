import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DenyAllByDefault } from '../src';

/** Namespace `batch`: no pod may send or receive anything but DNS until a policy allows it. */
export class BatchChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'batch' });
    new DenyAllByDefault(this, 'default-deny');
  }
}
