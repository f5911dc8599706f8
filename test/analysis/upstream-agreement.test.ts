import { CaseOutcome, loadCases, runCase } from './upstream-cases';

/**
 * Every case and every expectation of test/fixtures/reachability (converted from the test
 * suites of np-guard/netpol-analyzer and mattfenwick/cyclonus), run through the class engine.
 *
 * Agreement at the time of writing: netpol_analyzer.json 67,814 / 67,814; cyclonus.json 680 / 680
 * plus 82 / 82 loopback (pod-to-itself) entries, reported apart since CNIs differ on self-traffic.
 * There is no known disagreement: any disagreement is a regression and fails here.
 */
const KNOWN_DISAGREEMENTS: { [file: string]: number } = {
  'netpol_analyzer.json': 0,
  'cyclonus.json': 0,
};

describe.each(Object.keys(KNOWN_DISAGREEMENTS))('upstream cases of %s', (file) => {
  const cases = loadCases(file);
  const outcomes = new Map<string, CaseOutcome>();
  beforeAll(() => {
    for (const c of cases) outcomes.set(c.id, runCase(c));
  });

  test.each(cases.map((c) => c.id))('%s', (id) => {
    const outcome = outcomes.get(id)!;
    expect(outcome.parseErrors).toEqual([]);
    expect(outcome.disagreements.slice(0, 10)).toEqual([]);
  });

  test('agreement over the whole file', () => {
    let total = 0, agree = 0, loopbackTotal = 0, loopbackAgree = 0;
    for (const o of outcomes.values()) {
      total += o.total; agree += o.agree; loopbackTotal += o.loopbackTotal; loopbackAgree += o.loopbackAgree;
    }
    // Printed for the record: `npx jest test/analysis/upstream-agreement` shows it.
    console.log(`${file}: ${agree}/${total} expectations agree; loopback ${loopbackAgree}/${loopbackTotal}`);
    expect(total + loopbackTotal).toBe(cases.reduce((n, c) => n + c.expect.length, 0));
    expect(total - agree + loopbackTotal - loopbackAgree).toBe(KNOWN_DISAGREEMENTS[file]);
  });
});
