import * as fs from 'fs';
import * as path from 'path';
import { Reachability } from '../../src';

/**
 * Agreement with netpol-analyzer v1.4.2 on its AdminNetworkPolicy / BaselineAdminNetworkPolicy folders
 * (test/fixtures/netpol-analyzer-admin): the allowed ports of every ordered pair of distinct in-cluster
 * endpoints, against its recorded connection lists. netpol-analyzer reads objects that the CRDs reject
 * (a `pods` peer without podSelector or namespaceSelector, a namedPort with a networks peer); this
 * library refuses them as the API server would, so those folders are listed apart with the reason.
 */
const ROOT = path.join(__dirname, '..', 'fixtures', 'netpol-analyzer-admin');

type Ports = string;

function theirPorts(text: string): Ports {
  if (text === 'All Connections') return 'all';
  const out: { [p: string]: Array<[number, number]> } = { TCP: [], UDP: [], SCTP: [] };
  let protocol = '';
  for (const item of text.split(',')) {
    const m = item.match(/^(TCP|UDP|SCTP) (.*)$/);
    if (m) protocol = m[1];
    const [a, b] = (m ? m[2] : item).split('-').map(Number);
    out[protocol].push([a, b ?? a]);
  }
  return JSON.stringify(out);
}

function ourPorts(r: Reachability, from: string, to: string): Ports {
  const ranges = r.allowedPorts(from, to);
  if (ranges.length === 0) return 'none';
  const out: { [p: string]: Array<[number, number]> } = { TCP: [], UDP: [], SCTP: [] };
  for (const p of ranges) out[p.protocol].push([p.first, p.last]);
  const all = ['TCP', 'UDP', 'SCTP'].every((p) => out[p].length === 1 && out[p][0][0] === 1 && out[p][0][1] === 65535);
  return all ? 'all' : JSON.stringify(out);
}

const folders = fs.readdirSync(path.join(ROOT, 'tests')).sort();
const refused: string[] = [];
let pairs = 0;
const disagreements: string[] = [];

for (const dir of folders) {
  const expected = new Map<string, Ports>();
  for (const line of fs.readFileSync(path.join(ROOT, 'connlist', `${dir}_connlist_output.txt`), 'utf8').split('\n')) {
    const m = line.match(/^(\S+\[\w+\]) => (\S+\[\w+\]) : (.+)$/);
    if (m) expected.set(`${m[1]} => ${m[2]}`, theirPorts(m[3]));
  }
  let r: Reachability;
  try {
    r = Reachability.fromFiles([path.join(ROOT, 'tests', dir)], { ipBlockMatchesPods: false });
  } catch (e) {
    refused.push(`${dir}: ${(e as Error).message.split('\n')[1]?.trim()}`);
    continue;
  }
  const endpoints = r.endpoints.filter((e) => !e.external && !e.hostNetwork).map((e) => e.id);
  for (const from of endpoints) {
    for (const to of endpoints) {
      if (from === to) continue;
      pairs++;
      const theirs = expected.get(`${from} => ${to}`) ?? 'none';
      const ours = ourPorts(r, from, to);
      if (ours !== theirs) disagreements.push(`${dir}: ${from} => ${to}: ours ${ours}, netpol-analyzer ${theirs}`);
    }
  }
  for (const key of expected.keys()) {
    const [from, to] = key.split(' => ');
    if (!endpoints.includes(from) || !endpoints.includes(to)) disagreements.push(`${dir}: netpol-analyzer lists ${key}, which names an endpoint this analysis does not have`);
  }
}

describe('agreement with netpol-analyzer on its admin policy folders', () => {
  test('every folder it analyses agrees on every in-cluster pair', () => {
    // Printed for the README's figures.
    console.log(`netpol-analyzer admin folders: ${folders.length}; analysed ${folders.length - refused.length}, refused ${refused.length}; pairs ${pairs}, disagreements ${disagreements.length}`);
    expect(folders.length).toBe(54);
    expect(pairs).toBeGreaterThan(300);
    expect(disagreements).toEqual([]);
  });
  test('the folders refused hold objects the CRDs reject, and say which field', () => {
    expect(refused).toHaveLength(17);
    for (const line of refused) {
      expect(line).toMatch(/(pods\.(podSelector|namespaceSelector): Required value|networks\/nodes\/domainNames peer cannot be set with namedPorts)/);
    }
  });
});
