import { analyze, namespace, pod, policy } from './helpers';

// Three web pods that the policies cannot tell apart, one db that a policy selects, one batch pod
// that only a NotIn peer tells apart: the classes are what the policies can tell, no less, no more.
const manifests = [
  namespace('shop'),
  pod('shop', 'web-1', { app: 'web' }),
  pod('shop', 'web-2', { app: 'web' }),
  pod('shop', 'web-3', { app: 'web' }),
  pod('shop', 'db', { app: 'db' }),
  pod('shop', 'batch', { app: 'batch' }),
  policy('shop', 'db', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['batch'] }] } }], ports: [{ port: 5432 }] }],
  }),
];

describe('endpointClasses and classConnections', () => {
  const r = analyze(manifests);

  test('members that no selector tells apart share a class; the others do not', () => {
    const classes = r.endpointClasses();
    const classOf = (id: string) => classes.find((c) => c.members.includes(id))!.index;
    expect(classOf('shop/web-1[Pod]')).toBe(classOf('shop/web-2[Pod]'));
    expect(classOf('shop/web-1[Pod]')).toBe(classOf('shop/web-3[Pod]'));
    expect(new Set(['shop/web-1[Pod]', 'shop/db[Pod]', 'shop/batch[Pod]'].map(classOf)).size).toBe(3);
    // Every endpoint in exactly one class, in endpoint order.
    expect(classes.flatMap((c) => c.members).sort()).toEqual(r.endpoints.map((e) => e.id).sort());
    expect(classes.find((c) => c.members.includes('shop/db[Pod]'))!.ingressIsolated).toBe(true);
  });

  test('what a class allows to a class is what each member pair is allowed', () => {
    const classes = r.endpointClasses();
    const classOf = new Map(classes.flatMap((c) => c.members.map((m) => [m, c.index] as const)));
    const byClass = new Map(r.classConnections(true).map((c) => [`${c.fromClass}>${c.toClass}`, c.description]));
    expect(byClass.size).toBe(classes.length ** 2);
    for (const pair of r.connections(true)) expect(byClass.get(`${classOf.get(pair.from)}>${classOf.get(pair.to)}`)).toBe(pair.description);
    const web = classOf.get('shop/web-2[Pod]')!;
    const db = classOf.get('shop/db[Pod]')!;
    const batch = classOf.get('shop/batch[Pod]')!;
    expect(byClass.get(`${web}>${db}`)).toBe('TCP 5432');
    expect(byClass.get(`${batch}>${db}`)).toBe('nothing');
    // Without includeDenied, only the class pairs that allow something.
    expect(r.classConnections().every((c) => c.ports.length > 0)).toBe(true);
    expect(r.classConnections().some((c) => c.fromClass === batch && c.toClass === db)).toBe(false);
  });
});
