import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderHtmlReport } from './html-report';
import { InventoryInput } from '../analysis/manifest-inventory';
import { Reachability } from '../analysis/reachability';
import { LintFinding } from '../lint/lint-finding';

/** Scopes whose report is being written: the analysis must not start another one. */
const WRITING = new WeakSet<IConstruct>();

/**
 * Writes the HTML report of the objects under a scope (an App: all of them; a Chart: its own) into
 * the App's output directory, for `NetpolSettings.report`. The analysis reads each ApiObject's
 * manifest (never a chart's synthesis, which would validate, and so report, again); an object that
 * cannot be read is left out and listed at the top of the report, which says it is incomplete.
 * Returns the path written, or undefined when it is already being written (a nested validation).
 */
export function writeSynthReport(scope: IConstruct, fileName: string, findings: readonly LintFinding[], cni?: string): string | undefined {
  if (WRITING.has(scope)) return undefined;
  WRITING.add(scope);
  try {
    const inputs: InventoryInput[] = [];
    for (const c of scope.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      let object: unknown;
      try {
        object = c.toJson();
      } catch {
        // Left undefined: the analysis names the object as one that cannot be read.
        object = undefined;
      }
      inputs.push({ object, constructPath: c.node.path });
    }
    const r = Reachability._fromInputs(inputs, { skipInvalid: true });
    const html = renderHtmlReport({
      title: `NetworkPolicy report: ${scope.node.path || 'app'}`,
      source: `cdk8s ${scope instanceof App ? 'app' : `chart ${scope.node.path}`}`,
      reachability: r,
      leftOut: r.leftOut.map((p) => ({ where: p.location + (p.object ? ` ${p.object}` : ''), reason: p.reason, message: p.message })),
      findings,
      cni,
    });
    const file = path.join(App.of(scope).outdir, fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, html);
    return file;
  } finally {
    WRITING.delete(scope);
  }
}
