import { parseManifests } from '../../src/io/parse-manifests';
import { LintFinding } from '../../src/lint';
import { lintManifests, ManifestLintOptions } from '../../src/lint/lint-manifests';
import { Cni } from '../../src/profiles';

/** Lints YAML text as the CLI would, with an optional plugin by name. */
export function lintYaml(yaml: string, cni?: string, options: ManifestLintOptions = {}): LintFinding[] {
  return lintManifests(parseManifests(yaml, 'test.yaml'), { ...options, cni: cni ? Cni.byName(cni) : undefined }).findings;
}

/** The findings of one rule. */
export function ofRule(findings: LintFinding[], rule: string): LintFinding[] {
  return findings.filter((f) => f.rule === rule);
}

/** A NetworkPolicy manifest with a spec given as YAML lines indented by 2. */
export function policy(name: string, spec: string, namespace = 'shop'): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec.replace(/^\n/, '').replace(/\s+$/, '')}
---
`;
}

/** A Deployment whose pods have the labels and container ports given. */
export function deployment(name: string, labels: string, ports = '', namespace = 'shop', extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:${extra}
      containers:
      - name: main
        image: example
        ports: ${ports || '[]'}
---
`;
}
