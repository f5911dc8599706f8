import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-29';
import { Reachability } from '../../src';

/** A chart in namespace `shop` (or none), in a fresh app. */
export function chart(namespace: string | null = 'shop', app: App = Testing.app()): Chart {
  return new Chart(app, namespace ?? 'test', namespace === null ? {} : { namespace });
}

/** The NetworkPolicy objects a chart synthesizes. */
export function policies(c: Chart): any[] {
  return Testing.synth(c).filter((o: any) => o.kind === 'NetworkPolicy');
}

/** A pod with these labels and ports, for the reachability analysis. */
export function pod(scope: Chart, id: string, labels: { [key: string]: string }, ports: kplus.ContainerPort[] = []): kplus.Pod {
  return new kplus.Pod(scope, id, { metadata: { labels }, containers: [{ image: 'img', ports }] });
}

/** CoreDNS as K3s runs it: pods `k8s-app=kube-dns` in kube-system, 53/UDP `dns` and 53/TCP `dns-tcp`. */
export function kubeDns(app: App): kplus.Pod {
  const c = new Chart(app, 'kube-system', { namespace: 'kube-system' });
  return pod(c, 'coredns', { 'k8s-app': 'kube-dns' }, [
    { number: 53, protocol: kplus.Protocol.UDP, name: 'dns' },
    { number: 53, protocol: kplus.Protocol.TCP, name: 'dns-tcp' },
  ]);
}

/** The analysis of an app, with a reference to each endpoint by its construct id. */
export class Analysis {
  public readonly r: Reachability;
  constructor(app: App, externals: string[] = []) {
    this.r = Reachability.of(app, { externals });
  }
  /** The endpoint whose name ends with `-<id>-<hash>`, or an external IP. */
  public id(ref: string): string {
    if (/^[0-9a-f.:/]+$/.test(ref) && /[.:]/.test(ref)) return ref;
    const found = this.r.endpoints.filter((e) => new RegExp(`(^|-)${ref}-c8[0-9a-f]{6}$`).test(e.name));
    if (found.length !== 1) throw new Error(`endpoint '${ref}': ${found.length} found among ${this.r.endpoints.map((e) => e.id).join(', ')}`);
    return found[0].id;
  }
  /** What is allowed from one endpoint to another, as text (`TCP 80, UDP 53`, `nothing`). */
  public allowed(from: string, to: string): string {
    const ports = this.r.allowedPorts(this.id(from), this.id(to));
    if (ports.length === 0) return 'nothing';
    return ports.map((p) => (p.first === p.last ? `${p.protocol} ${p.first}` : `${p.protocol} ${p.first}-${p.last}`)).join(', ');
  }
}

/** The message of the error `fn` throws (fails the test if it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
