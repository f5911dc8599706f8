import { LintFinding } from './lint-finding';
import { Severity } from './severity';

/** `file:line: severity [rule] Kind ns/name field: message`, one per finding, and a summary line (internal). */
export function formatFindingsText(findings: readonly LintFinding[], policyCount: number): string {
  const lines = findings.map((f) => {
    const where = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : f.path ?? '-';
    const object = f.kind ? `${f.kind} ${f.namespace ?? '-'}/${f.name}` : 'document';
    return `${where}: ${f.severity} [${f.rule}] ${object}${f.field ? ` ${f.field}` : ''}: ${f.message}`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const counted = (s: Severity, one: string, many: string) => `${count(s)} ${count(s) === 1 ? one : many}`;
  lines.push(`${policyCount} ${policyCount === 1 ? 'NetworkPolicy' : 'NetworkPolicies'} linted: ${counted(Severity.ERROR, 'error', 'errors')}, ${counted(Severity.WARNING, 'warning', 'warnings')}, ${counted(Severity.INFO, 'note', 'notes')}`);
  return `${lines.join('\n')}\n`;
}

/** The `--output json` document: `{"findings":[{rule, severity, file, line, kind, namespace, name, field, message}]}` (internal). */
export function findingsToJson(findings: readonly LintFinding[]): any {
  return {
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: f.file ?? null,
      line: f.line ?? null,
      kind: f.kind || null,
      namespace: f.namespace ?? null,
      name: f.name || null,
      field: f.field ?? null,
      message: f.message,
    })),
  };
}
