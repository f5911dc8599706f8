/**
 * parse(emit(x)) = x, as properties over every valid model (test/arbitraries.ts).
 *
 * What "equal" means here: `toStrictEqual` on the model objects, i.e. the same classes with the
 * same fields, in the same order (rules, peers, ports, policyTypes, expressions, excepts), with
 * `undefined` fields matching only `undefined`. That holds exactly, not up to normalization,
 * because every model rule is built by `PolicyRule.of`, whose normalization (dedupe in first-seen
 * order by `toKey()`, a list holding `Peer.anywhere()`/`Port.allTraffic()` collapsed to that one
 * entry) is idempotent: the parser rebuilds each rule with `PolicyRule.of` from a list that is
 * already normal, and so gets the same list back. Rules themselves are never merged or deduped,
 * by the model or by the parser. One spelling the model keeps that the manifest cannot:
 * `values: []` on an `Exists` requirement reads back as `values` undefined, so the arbitraries
 * spell "no values" as undefined.
 */
import * as fc from 'fast-check';
import { NetworkPolicy as K8sNetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  emitNetworkPolicy,
  NetworkPolicyModel,
  parseNetworkPolicy,
  PolicyType,
  validateNetworkPolicy,
} from '../../src/model';
import { ARTICLE_POLICY_YAML, arbNetworkPolicyModel } from '../arbitraries';

const NUM_RUNS = 300;
type Emitter = (policy: NetworkPolicyModel) => any;

/** (a) parse(emit(x)) is x, and emitting it again gives the same manifest. */
function roundTripProperty(emit: Emitter) {
  return fc.property(arbNetworkPolicyModel(), (x) => {
    const json = emit(x);
    const result = parseNetworkPolicy(json);
    expect(result.errors).toEqual([]);
    expect(result.policy).toStrictEqual(x);
    expect(emit(result.policy!)).toStrictEqual(json);
  });
}

describe('parse(emit(x)) = x', () => {
  test('for every valid model (models and manifests both compared)', () => {
    fc.assert(roundTripProperty(emitNetworkPolicy), { numRuns: NUM_RUNS });
  });

  test('through YAML text too', () => {
    fc.assert(fc.property(arbNetworkPolicyModel(), (x) => {
      const result = parseNetworkPolicy(parseYaml(stringifyYaml(emitNetworkPolicy(x))));
      expect(result.errors).toEqual([]);
      expect(result.policy).toStrictEqual(x);
    }), { numRuns: 100 });
  });

  test('every spelling the API server reads the same way parses to the same model', () => {
    fc.assert(fc.property(arbNetworkPolicyModel(), fc.gen(), (x, g) => {
      const spelled = respell(emitNetworkPolicy(x), () => g(fc.boolean));
      const result = parseNetworkPolicy(spelled);
      expect(result.errors).toEqual([]);
      expect(result.policy).toStrictEqual(x);
    }), { numRuns: NUM_RUNS });
  });

  /**
   * The property can fail: emitters with one small bug each are caught. (This stands in for
   * breaking emit.ts by hand, without touching a file other engineers work on.)
   */
  describe('a broken emitter is caught', () => {
    const mutants: Array<[string, Emitter]> = [
      ['drops endPort', (p) => mapPorts(emitNetworkPolicy(p), ({ endPort, ...rest }) => rest)],
      ['drops protocol UDP', (p) => mapPorts(emitNetworkPolicy(p), (port) => (port.protocol === 'UDP' ? { ...port, protocol: undefined } : port))],
      ['drops ipBlock.except', (p) => mapPeers(emitNetworkPolicy(p), (peer) => (peer.ipBlock ? { ipBlock: { cidr: peer.ipBlock.cidr } } : peer))],
      ['drops policyTypes', (p) => { const json = emitNetworkPolicy(p); delete json.spec.policyTypes; return json; }],
      ['drops namespaceSelector beside podSelector', (p) => mapPeers(emitNetworkPolicy(p), (peer) => (peer.podSelector ? { podSelector: peer.podSelector } : peer))],
      ['drops the last rule', (p) => { const json = emitNetworkPolicy(p); json.spec.ingress?.pop(); if (json.spec.ingress?.length === 0) delete json.spec.ingress; return json; }],
      ['drops the namespace', (p) => { const json = emitNetworkPolicy(p); delete json.metadata.namespace; return json; }],
    ];
    test.each(mutants)('emitter that %s', (_label, emit) => {
      const result = fc.check(roundTripProperty(emit), { numRuns: NUM_RUNS, seed: 20240501, endOnFailure: true });
      expect(result.failed).toBe(true);
    });
  });
});

describe('every emitted model is valid', () => {
  test('(b) for the API server (validateNetworkPolicy, 1.29 and strict CIDRs)', () => {
    fc.assert(fc.property(arbNetworkPolicyModel(), (x) => {
      const json = emitNetworkPolicy(x);
      expect(validateNetworkPolicy(json)).toEqual([]);
      expect(validateNetworkPolicy(json, { strictCidr: true })).toEqual([]);
    }), { numRuns: NUM_RUNS });
  });

  test('(c) for the OpenAPI schema (kubernetes-models)', () => {
    fc.assert(fc.property(arbNetworkPolicyModel(), (x) => {
      const json = emitNetworkPolicy(x);
      expect(() => new K8sNetworkPolicy(json).validate()).not.toThrow();
    }), { numRuns: NUM_RUNS });
  });

  test('the schema check can fail (a lower-case protocol is caught)', () => {
    expect(() => new K8sNetworkPolicy({
      metadata: { name: 'p' },
      spec: { podSelector: {}, ingress: [{ ports: [{ protocol: 'tcp' as any, port: 80 }] }] },
    }).validate()).toThrow(/protocol/);
  });
});

describe('the article policies round-trip', () => {
  const names = Object.keys(ARTICLE_POLICY_YAML);

  test.each(names)('%s', (name) => {
    const manifest = parseYaml(ARTICLE_POLICY_YAML[name]);
    const first = parseNetworkPolicy(manifest);
    expect(first.errors).toEqual([]);
    const json = emitNetworkPolicy(first.policy!);
    const second = parseNetworkPolicy(json);
    expect(second.errors).toEqual([]);
    expect(second.policy).toStrictEqual(first.policy);
    expect(emitNetworkPolicy(second.policy!)).toStrictEqual(json);
    expect(() => new K8sNetworkPolicy(json).validate()).not.toThrow();
    expect(validateNetworkPolicy(json)).toEqual([]);

    // The emitted manifest is the article's, plus the API server's defaults written out.
    expect(json.metadata).toEqual(manifest.metadata);
    expect(json.spec.podSelector).toEqual(manifest.spec.podSelector);
    const defaultTypes = manifest.spec.egress?.length ? [PolicyType.INGRESS, PolicyType.EGRESS] : [PolicyType.INGRESS];
    expect(json.spec.policyTypes).toEqual(defaultTypes);
    expect(json.spec.ingress).toEqual(manifest.spec.ingress);
    expect(json.spec.egress).toEqual(manifest.spec.egress);
  });

  test('restrict-db-egress emits exactly this', () => {
    const policy = parseNetworkPolicy(parseYaml(ARTICLE_POLICY_YAML['restrict-db-egress'])).policy!;
    expect(emitNetworkPolicy(policy)).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'restrict-db-egress' },
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['database'] }] },
        policyTypes: ['Ingress', 'Egress'],
        egress: [{ to: [{ podSelector: {} }] }, { to: [{ ipBlock: { cidr: '10.0.0.0/16' } }] }],
      },
    });
  });

  test('a manifest relying on defaults emits them explicitly (protocol, policyTypes)', () => {
    const policy = parseNetworkPolicy({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p' },
      spec: { ingress: [{ from: [], ports: [{ port: 80 }, {}] }], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] },
    }).policy!;
    expect(emitNetworkPolicy(policy).spec).toStrictEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'TCP' }] }],
      egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
    });
  });
});

// ---- helpers ---------------------------------------------------------------------------------

function rulesOf(json: any): any[] {
  return [...(json.spec.ingress ?? []), ...(json.spec.egress ?? [])];
}

function mapPorts(json: any, f: (port: any) => any): any {
  for (const rule of rulesOf(json)) if (rule.ports) rule.ports = rule.ports.map(f);
  return json;
}

function mapPeers(json: any, f: (peer: any) => any): any {
  for (const rule of rulesOf(json)) {
    if (rule.from) rule.from = rule.from.map(f);
    if (rule.to) rule.to = rule.to.map(f);
  }
  return json;
}

/**
 * The same NetworkPolicy in another spelling the API server reads identically: defaults left out
 * or written as null/[], absent fields written as null, empty selectors spelled out, and so on.
 * `coin()` picks, at each place, whether to respell.
 */
function respell(json: any, coin: () => boolean): any {
  const m = JSON.parse(JSON.stringify(json));
  const absentAs = (object: any, key: string, ...spellings: any[]) => {
    if (object[key] === undefined && coin()) object[key] = spellings[coin() ? 0 : spellings.length - 1];
  };
  const selector = (s: any) => {
    absentAs(s, 'matchLabels', null, {});
    absentAs(s, 'matchExpressions', null, []);
    for (const r of s.matchExpressions ?? []) absentAs(r, 'values', null, []);
    return s;
  };

  absentAs(m.metadata, 'namespace', null);
  absentAs(m.metadata, 'labels', null, {});
  absentAs(m.metadata, 'annotations', null, {});

  const spec = m.spec;
  const hasEgress = (spec.egress ?? []).length > 0;
  const defaultTypes = hasEgress ? ['Ingress', 'Egress'] : ['Ingress'];
  if (JSON.stringify(spec.policyTypes) === JSON.stringify(defaultTypes) && coin()) {
    if (coin()) delete spec.policyTypes;
    else spec.policyTypes = coin() ? null : [];
  } else if (spec.policyTypes.length === 1 && coin()) {
    spec.policyTypes = [spec.policyTypes[0], spec.policyTypes[0]]; // duplicates are accepted
  }
  if (Object.keys(spec.podSelector).length === 0 && coin()) {
    if (coin()) delete spec.podSelector; else spec.podSelector = null;
  } else {
    selector(spec.podSelector);
  }
  absentAs(spec, 'ingress', null, []);
  if (spec.policyTypes !== undefined && spec.policyTypes !== null && spec.policyTypes.length > 0) {
    absentAs(spec, 'egress', null, []); // egress: [] never changes the defaulted policyTypes either
  }

  for (const [rules, peersField] of [[spec.ingress, 'from'], [spec.egress, 'to']] as Array<[any[] | null, string]>) {
    for (const rule of rules ?? []) {
      absentAs(rule, peersField, null, []);
      absentAs(rule, 'ports', null, []);
      for (const peer of rule[peersField] ?? []) {
        if (peer.podSelector) selector(peer.podSelector);
        if (peer.namespaceSelector) selector(peer.namespaceSelector);
        if (peer.ipBlock) absentAs(peer.ipBlock, 'except', null, []);
        for (const key of ['podSelector', 'namespaceSelector', 'ipBlock']) absentAs(peer, key, null);
      }
      for (const port of rule.ports ?? []) {
        if (port.protocol === 'TCP' && coin()) {
          if (coin()) delete port.protocol; else port.protocol = null;
        }
        absentAs(port, 'port', null);
        absentAs(port, 'endPort', null);
      }
    }
  }
  return m;
}
