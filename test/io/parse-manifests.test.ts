import { InputError, parseManifests, parseFieldPath } from '../../src/io';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseManifests: YAML', () => {
  test('multi-document YAML, in order, with document indexes and start lines', () => {
    const text = [
      'kind: A', //             1
      '---', //                 2
      '# a comment', //         3
      'kind: B', //             4
      'metadata: {name: b}', // 5
    ].join('\n');
    const docs = parseManifests(text, 'x.yaml');
    expect(docs.map(d => [d.index, d.line, d.object])).toEqual([
      [0, 1, { kind: 'A' }],
      [1, 4, { kind: 'B', metadata: { name: 'b' } }],
    ]);
    expect(docs.every(d => d.file === 'x.yaml' && d.itemIndex === undefined && d.malformed === undefined)).toBe(true);
  });

  test('empty, comment-only and null documents are skipped but still counted', () => {
    const text = '---\n---\n# only a comment\n---\n~\n---\nnull\n---\nkind: A\n---\n';
    const docs = parseManifests(text, 'x.yaml');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ index: 4, line: 9, object: { kind: 'A' } });
  });

  test('an empty file has no documents', () => {
    expect(parseManifests('', 'x.yaml')).toEqual([]);
    expect(parseManifests('\n# nothing\n', 'x.yaml')).toEqual([]);
  });

  test('a List is flattened into its items, each with its own line', () => {
    const text = [
      'apiVersion: v1', //    1
      'kind: List', //        2
      'items:', //            3
      '  - kind: A', //       4
      '    metadata: {}', //  5
      '  -', //               6
      '    kind: B', //       7
    ].join('\n');
    const docs = parseManifests(text, 'x.yaml');
    expect(docs.map(d => [d.index, d.itemIndex, d.line, d.object])).toEqual([
      [0, 0, 4, { kind: 'A', metadata: {} }],
      [0, 1, 7, { kind: 'B' }],
    ]);
  });

  test('any *List kind with items is flattened; a *List kind without items is an ordinary object', () => {
    const docs = parseManifests('kind: NetworkPolicyList\nitems:\n- kind: NetworkPolicy\n---\nkind: ShoppingList\nmilk: 1\n', 'x.yaml');
    expect(docs.map(d => d.object)).toEqual([{ kind: 'NetworkPolicy' }, { kind: 'ShoppingList', milk: 1 }]);
    expect(docs.map(d => d.itemIndex)).toEqual([0, undefined]);
  });

  test('a List with no items gives nothing', () => {
    expect(parseManifests('kind: List\nitems: []\n---\nkind: List\n', 'x.yaml')).toEqual([]);
  });

  test('non-object documents and items are reported as malformed, not thrown', () => {
    const text = 'just a string\n---\n- a\n- b\n---\n42\n---\nkind: List\nitems:\n- 7\n- kind: A\n---\nkind: List\nitems: nope\n';
    const docs = parseManifests(text, 'x.yaml');
    expect(docs.map(d => [d.index, d.itemIndex, d.malformed !== undefined])).toEqual([
      [0, undefined, true],
      [1, undefined, true],
      [2, undefined, true],
      [3, 0, true],
      [3, 1, false],
      [4, undefined, true],
    ]);
    expect(docs[0].malformed).toMatch(/found a string \("just a string"\)/);
    expect(docs[0].object).toBe('just a string');
    expect(docs[1].malformed).toMatch(/found a list/);
    expect(docs[2].malformed).toMatch(/found a number \(42\)/);
    expect(docs[3].malformed).toMatch(/item 0 of the List, found a number \(7\)/);
    expect(docs[5].malformed).toMatch(/items of kind List: expected a list, found a string/);
  });

  test('decodes as kubectl does: YAML 1.1 scalars, timestamps kept as strings, anchors resolved', () => {
    const text = 'a: yes\nb: 010\nc: 2024-03-01T10:00:00Z\nd: &x {k: v}\ne: *x\nf: "80"\n';
    expect(parseManifests(text, 'x.yaml')[0].object).toEqual({
      a: true,
      b: 8,
      c: '2024-03-01T10:00:00Z',
      d: { k: 'v' },
      e: { k: 'v' },
      f: '80',
    });
  });

  test('a byte order mark is ignored', () => {
    expect(parseManifests('\ufeffkind: A\n', 'x.yaml')[0].object).toEqual({ kind: 'A' });
    expect(parseManifests('\ufeff{"kind": "A"}', 'x.json')[0].object).toEqual({ kind: 'A' });
  });

  test('a syntax error is an InputError with file, line and column', () => {
    const error = inputError(() => parseManifests('kind: A\n---\nkind: B\nmetadata: {name: b\nspec: {}\n', 'dir/bad.yaml'));
    expect(error.file).toBe('dir/bad.yaml');
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(error.line).toBeLessThanOrEqual(5);
    expect(error.column).toEqual(expect.any(Number));
    expect(error.message).toMatch(/^dir\/bad\.yaml:\d+:\d+: YAML syntax error: /);
    expect(error.message).not.toMatch(/\n/);
  });

  test('duplicate keys are a syntax error (as strict field validation rejects them)', () => {
    const error = inputError(() => parseManifests('kind: A\nkind: B\n', 'x.yaml'));
    expect(error.line).toBe(2);
    expect(error.reason).toMatch(/unique/);
  });
});

describe('parseManifests: JSON', () => {
  test('one object, with the line where it starts', () => {
    const docs = parseManifests('\n\n  {"kind": "A",\n "x": [1, 2]}\n', 'p.json');
    expect(docs).toEqual([expect.objectContaining({ file: 'p.json', index: 0, line: 3, object: { kind: 'A', x: [1, 2] } })]);
  });

  test('a JSON List is flattened, each item with its line', () => {
    const text = '{\n  "kind": "List",\n  "items": [\n    {"kind": "A"},\n    {\n      "kind": "B"\n    }\n  ]\n}\n';
    const docs = parseManifests(text, 'p.json');
    expect(docs.map(d => [d.itemIndex, d.line, d.object])).toEqual([
      [0, 4, { kind: 'A' }],
      [1, 5, { kind: 'B' }],
    ]);
  });

  test('a top-level JSON array or scalar is malformed', () => {
    expect(parseManifests('[1]', 'p.json')[0].malformed).toMatch(/found a list/);
    expect(parseManifests('"x"', 'p.json')[0].malformed).toMatch(/found a string/);
  });

  test('an empty JSON file has no documents; null is skipped', () => {
    expect(parseManifests('', 'p.json')).toEqual([]);
    expect(parseManifests('  \n', 'p.json')).toEqual([]);
    expect(parseManifests('null', 'p.json')).toEqual([]);
  });

  test('JSON is strict: a trailing comma is a syntax error with its line and column', () => {
    const error = inputError(() => parseManifests('{\n  "kind": "A",\n}\n', 'p.json'));
    expect(error).toMatchObject({ file: 'p.json', line: 3, column: 1 });
    expect(error.message).toMatch(/^p\.json:3:1: JSON syntax error: /);
  });

  test('truncated JSON points at its last line', () => {
    const error = inputError(() => parseManifests('{\n  "kind": "A",\n  "x": [1,\n', 'p.json'));
    expect(error.file).toBe('p.json');
    expect(error.line).toBe(3);
  });

  test('the format can be forced', () => {
    expect(parseManifests('{"kind": "A"}', 'stdin', { format: 'json' })[0].object).toEqual({ kind: 'A' });
    expect(parseManifests('kind: A', 'weird.json', { format: 'yaml' })[0].object).toEqual({ kind: 'A' });
  });
});

describe('lineOf', () => {
  const text = [
    'kind: NetworkPolicy', //      1
    'spec:', //                    2
    '  ingress:', //               3
    '    - from:', //              4
    '        - podSelector: {}', // 5
    '      ports:', //             6
    '        - protocol: TCP', //  7
    '          port: 80', //       8
  ].join('\n');
  const doc = parseManifests(text, 'x.yaml')[0];

  test('finds fields by array path or by API-server field path', () => {
    expect(doc.lineOf(['spec', 'ingress', 0, 'ports', 0, 'port'])).toBe(8);
    expect(doc.lineOf('spec.ingress[0].ports[0].port')).toBe(8);
    expect(doc.lineOf('spec.ingress[0].ports')).toBe(6);
    expect(doc.lineOf('spec.ingress[0]')).toBe(4);
    expect(doc.lineOf('')).toBe(1);
  });

  test('falls back to the deepest existing ancestor', () => {
    expect(doc.lineOf('spec.ingress[0].ports[0].endPort')).toBe(7);
    expect(doc.lineOf('spec.egress[0]')).toBe(2);
    expect(doc.lineOf('metadata.name')).toBe(1);
  });

  test('works inside List items and JSON', () => {
    const items = parseManifests('kind: List\nitems:\n- kind: A\n  spec:\n    x: 1\n', 'x.yaml');
    expect(items[0].lineOf('spec.x')).toBe(5);
    const json = parseManifests('{\n "kind": "A",\n "spec": {\n  "x": 1\n }\n}', 'x.json');
    expect(json[0].lineOf(['spec', 'x'])).toBe(4);
  });

  test('parseFieldPath', () => {
    expect(parseFieldPath('spec.ingress[0].ports[12].port')).toEqual(['spec', 'ingress', 0, 'ports', 12, 'port']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseFieldPath('')).toEqual([]);
  });
});
