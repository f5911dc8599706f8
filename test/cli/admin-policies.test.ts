import * as path from 'path';
import { runCliInProcess as run } from './run-cli-in-process';

/** The CLI on a netpol-analyzer folder with an AdminNetworkPolicy (Allow, then Pass), a NetworkPolicy and a BaselineAdminNetworkPolicy. */
const DIR = path.join(__dirname, '..', 'fixtures', 'netpol-analyzer-admin', 'tests', 'anp_with_np_and_banp_pass_test');

describe('analyze, explain and validate read cluster-wide policies', () => {
  test('analyze --output json: complete, and the admin Allow is part of the answer', () => {
    const r = run(['analyze', '--output', 'json', DIR]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.complete).toBe(true);
    const c = out.connections.find((x: any) => x.from === 'ns2/pod1[Deployment]' && x.to === 'ns1/pod1[Deployment]');
    // TCP 80 by the ANP Allow; UDP 80 passed on and allowed by the NetworkPolicy; TCP 81 passed on and not allowed by it.
    expect(c.allowed).toEqual({ TCP: [[80, 80]], UDP: [[80, 80]], SCTP: [] });
  });
  test('analyze text names the cluster-wide policies', () => {
    expect(run(['analyze', DIR]).stdout.split('\n')[0]).toBe(
      '4 endpoints (3 classes), 1 NetworkPolicy, 2 cluster-wide policies (AdminNetworkPolicy/pass-example-with-np, BaselineAdminNetworkPolicy/default)');
  });
  test('explain names the admin rule that decided, only for the ports asked about', () => {
    const r = run(['explain', '--output', 'json', '--from', 'ns2/pod1', '--to', 'ns1/pod1', '--port', '80', DIR]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ingress.tierRules).toEqual([expect.objectContaining({
      tier: 'Admin', policy: 'AdminNetworkPolicy/pass-example-with-np', action: 'Allow', ruleName: 'allow-tcp-80-from-ns2-pod1', ports: 'TCP 80',
    })]);
    const text = run(['explain', '--from', 'ns2/pod1', '--to', 'ns1/pod1', '--port', '81', DIR]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('admin tier: TCP 81 passed on (to the NetworkPolicies) by AdminNetworkPolicy/pass-example-with-np spec.ingress[1].from[0]');
    expect(text.stdout).toContain('isolated by ns1/allow-ingress-from-ns2-pod1');
  });
  test('validate checks them against the CRDs', () => {
    const r = run(['validate', '--output', 'json', DIR]);
    const kinds = JSON.parse(r.stdout).results.map((x: any) => `${x.kind} ${x.valid}`);
    expect(kinds).toEqual(expect.arrayContaining(['AdminNetworkPolicy true', 'BaselineAdminNetworkPolicy true', 'NetworkPolicy true']));
    const bad = run(['validate', path.join(__dirname, '..', 'fixtures', 'netpol-analyzer-admin', 'tests', 'anp_test_10')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('spec.egress[0].to[0].pods.podSelector: Required value');
  });
});
