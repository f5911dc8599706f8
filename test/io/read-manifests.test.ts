import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError, listManifestFiles, objectIdentity, readManifests } from '../../src/io';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'manifests');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

function summary(paths: string[]) {
  return readManifests(paths).map(d => {
    const id = objectIdentity(d.object);
    return {
      file: path.relative(FIXTURES, d.file),
      index: d.index,
      itemIndex: d.itemIndex,
      line: d.line,
      kind: id.kind,
      name: id.name,
    };
  });
}

describe('readManifests', () => {
  test('a multi-document YAML file: every object, other kinds included, empty documents skipped', () => {
    expect(summary([fixture('valid', 'multi.yaml')])).toEqual([
      { file: 'valid/multi.yaml', index: 0, itemIndex: undefined, line: 2, kind: 'NetworkPolicy', name: 'default-deny' },
      { file: 'valid/multi.yaml', index: 2, itemIndex: undefined, line: 14, kind: 'Deployment', name: 'web' },
      { file: 'valid/multi.yaml', index: 4, itemIndex: undefined, line: 34, kind: 'NetworkPolicy', name: 'web-to-db' },
    ]);
  });

  test('a JSON file', () => {
    expect(summary([fixture('valid', 'policy.json')])).toEqual([
      { file: 'valid/policy.json', index: 0, itemIndex: undefined, line: 1, kind: 'NetworkPolicy', name: 'allow-dns' },
    ]);
  });

  test('a List (kubectl get -o yaml) is flattened into its items, with their lines', () => {
    expect(summary([fixture('valid', 'nested', 'list.yaml')])).toEqual([
      { file: 'valid/nested/list.yaml', index: 0, itemIndex: 0, line: 7, kind: 'NetworkPolicy', name: 'allow-from-frontend' },
      { file: 'valid/nested/list.yaml', index: 0, itemIndex: 1, line: 20, kind: 'Service', name: 'api' },
      { file: 'valid/nested/list.yaml', index: 0, itemIndex: 2, line: 28, kind: 'NetworkPolicy', name: 'deny-all' },
    ]);
  });

  test('a directory is read recursively, in sorted order, only .yaml/.yml/.json files', () => {
    const docs = summary([fixture('valid')]);
    expect(docs.map(d => `${d.file}#${d.index}${d.itemIndex === undefined ? '' : `[${d.itemIndex}]`} ${d.kind}`)).toEqual([
      'valid/multi.yaml#0 NetworkPolicy',
      'valid/multi.yaml#2 Deployment',
      'valid/multi.yaml#4 NetworkPolicy',
      'valid/nested/deeper/egress.yml#0 NetworkPolicy',
      'valid/nested/deeper/policies.json#0[0] NetworkPolicy',
      'valid/nested/list.yaml#0[0] NetworkPolicy',
      'valid/nested/list.yaml#0[1] Service',
      'valid/nested/list.yaml#0[2] NetworkPolicy',
      'valid/policy.json#0 NetworkPolicy',
    ]);
  });

  test('file paths keep the form the user gave, joined under directories', () => {
    const relative = path.relative(process.cwd(), fixture('valid', 'nested', 'deeper'));
    expect(readManifests([relative]).map(d => d.file)).toEqual([
      path.join(relative, 'egress.yml'),
      path.join(relative, 'policies.json'),
    ]);
  });

  test('paths are read in the order given; a file named twice is read once', () => {
    const files = listManifestFiles([fixture('valid', 'policy.json'), fixture('valid', 'nested', 'deeper'), fixture('valid', 'policy.json')]);
    expect(files.map(f => path.relative(FIXTURES, f))).toEqual([
      'valid/policy.json',
      'valid/nested/deeper/egress.yml',
      'valid/nested/deeper/policies.json',
    ]);
  });

  test('a file named explicitly is read whatever its extension', () => {
    // README.txt happens to be a YAML mapping with `kind: NetworkPolicy`: skipped in a directory, read when named
    const docs = readManifests([fixture('valid', 'nested', 'README.txt')]);
    expect(docs).toHaveLength(1);
    expect(objectIdentity(docs[0].object).kind).toBe('NetworkPolicy');
  });

  test('empty files and documents give nothing', () => {
    expect(readManifests([fixture('empty')])).toEqual([]);
  });

  test('documents that are not objects are returned as malformed', () => {
    const docs = readManifests([fixture('wrong-types', 'not-objects.yaml')]);
    expect(docs.map(d => [d.index, d.itemIndex, d.line, typeof d.malformed])).toEqual([
      [0, undefined, 1, 'string'],
      [1, undefined, 3, 'string'],
      [2, 0, 9, 'string'],
    ]);
  });

  test('a missing path is an InputError naming it', () => {
    const missing = fixture('does-not-exist.yaml');
    expect(() => readManifests([fixture('valid', 'policy.json'), missing])).toThrow(InputError);
    expect(() => readManifests([missing])).toThrow(/does-not-exist\.yaml: cannot read \(ENOENT: no such file or directory\)/);
  });

  test('a YAML syntax error is an InputError with the file and the line', () => {
    const file = fixture('broken', 'syntax-error.yaml');
    let error: unknown;
    try {
      readManifests([file]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file, line: expect.any(Number) });
    // the unclosed flow sequence opens on line 12; the parser notices at the start of line 13
    expect((error as InputError).line).toBeGreaterThanOrEqual(12);
    expect((error as InputError).line).toBeLessThanOrEqual(13);
  });

  test('a JSON syntax error is an InputError with the file and the line', () => {
    const file = fixture('broken', 'syntax-error.json');
    expect(() => readManifests([file])).toThrow(`${file}:4:43: JSON syntax error`);
  });

  describe('in a temporary directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-io-'));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('directory entries are sorted by name, not by creation order; extensions are case-insensitive', () => {
      for (const name of ['b.yaml', 'A.YML', 'a.json', 'c.txt', '.hidden.yaml']) {
        fs.writeFileSync(path.join(dir, name), `{"kind": "${name}"}`);
      }
      fs.mkdirSync(path.join(dir, 'a'));
      fs.writeFileSync(path.join(dir, 'a', 'z.yaml'), 'kind: a/z.yaml');
      expect(readManifests([dir]).map(d => objectIdentity(d.object).kind)).toEqual([
        '.hidden.yaml', 'A.YML', 'a/z.yaml', 'a.json', 'b.yaml',
      ]);
    });

    test('a symbolic link back up the tree does not loop', () => {
      fs.writeFileSync(path.join(dir, 'p.yaml'), 'kind: P');
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
      expect(readManifests([dir]).map(d => d.object)).toEqual([{ kind: 'P' }]);
    });

    test('an empty directory gives nothing', () => {
      expect(readManifests([dir])).toEqual([]);
    });
  });
});

describe('objectIdentity', () => {
  test('reads string fields and ignores wrong types', () => {
    expect(objectIdentity({ apiVersion: 'v1', kind: 'K', metadata: { name: 'n', namespace: 'ns' } }))
      .toEqual({ apiVersion: 'v1', kind: 'K', name: 'n', namespace: 'ns' });
    expect(objectIdentity({ kind: 7, metadata: 'ns/n' })).toEqual({ apiVersion: undefined, kind: undefined, name: undefined, namespace: undefined });
    expect(objectIdentity({ metadata: { name: ['n'], namespace: null } })).toMatchObject({ name: undefined, namespace: undefined });
    expect(objectIdentity('x')).toEqual({});
    expect(objectIdentity(null)).toEqual({});
    expect(objectIdentity([{ kind: 'K' }])).toEqual({});
  });
});
