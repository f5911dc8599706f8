import * as path from 'path';
import { LintFinding } from './lint-finding';
import { LintRules } from './lint-rules';
import { Severity } from './severity';

/** The schema URI of SARIF 2.1.0 (OASIS errata 01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Options of `findingsToSarif` (internal). */
export interface SarifOptions {
  /** The tool's version. */
  readonly version?: string;
}

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === Severity.ERROR ? 'error' : severity === Severity.WARNING ? 'warning' : 'note';
}

/** A file as a SARIF artifact URI: relative paths stay relative (with `/`), absolute ones become `file://` URIs. */
export function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (path.isAbsolute(file)) return `file://${encodeURI(file.split(path.sep).join('/'))}`;
  return encodeURI(path.normalize(file).split(path.sep).join('/'));
}

/**
 * A SARIF 2.1.0 log of the findings, one run: every rule in `tool.driver.rules`, every finding a
 * result located on its file and line, so that code-scanning tools show it on the YAML (internal).
 */
export function findingsToSarif(findings: readonly LintFinding[], options: SarifOptions = {}): any {
  const rules = LintRules.all();
  const driver: any = {
    name: 'cdk8s-netpol',
    rules: rules.map((r) => ({
      id: r.id,
      name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.summary },
      fullDescription: { text: r.help },
      help: { text: r.help },
      defaultConfiguration: { level: level(r.severity) },
      properties: { tags: ['kubernetes', 'networkpolicy', ...(r.needsProfile ? ['cni'] : [])] },
    })),
  };
  if (options.version) driver.version = options.version;
  const results = findings.map((f) => {
    const result: any = {
      ruleId: f.rule,
      ruleIndex: rules.findIndex((r) => r.id === f.rule),
      level: level(f.severity),
      message: { text: f.message },
    };
    const location: any = {};
    if (f.file !== undefined) {
      location.physicalLocation = { artifactLocation: { uri: artifactUri(f.file) } };
      if (f.line !== undefined && f.line >= 1) location.physicalLocation.region = { startLine: f.line };
    }
    if (f.name) {
      location.logicalLocations = [{
        name: f.name,
        fullyQualifiedName: `${f.kind}/${f.namespace ?? '-'}/${f.name}${f.field ? `#${f.field}` : ''}`,
        kind: 'resource',
      }];
    }
    if (Object.keys(location).length > 0) result.locations = [location];
    result.partialFingerprints = { 'cdk8sNetpol/v1': `${f.rule}|${f.kind}|${f.namespace ?? ''}|${f.name}|${f.field ?? ''}` };
    return result;
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }],
  };
}
