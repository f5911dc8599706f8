/**
 * A seeded cluster for the analysis benchmark (the generator of the former bench/analysis.ts, with
 * the number of namespaces as a parameter): `endpoints` workloads (Deployments, StatefulSets,
 * DaemonSets and Pods with IPs; three named container ports each) spread over `namespaces`
 * namespaces, and `policies` NetworkPolicies: a default deny (with DNS egress) per namespace, then
 * policies selecting by app, tier or an expression, with pod, namespace, pod-in-namespace and
 * ipBlock peers, and numeric, range, named and protocol-specific ports.
 */
import * as fs from 'fs';
import { stringify } from 'yaml';
import { rng } from './policy-mix';

export interface ClusterSize {
  readonly endpoints: number;
  readonly namespaces: number;
  readonly policies: number;
}

export const EXTERNALS = ['8.8.8.8/32', '10.0.3.7'];

export function generateCluster(size: ClusterSize, seed = 42): any[] {
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const apps = Math.max(10, Math.round(size.endpoints / 12.5));
  const objects: any[] = [];
  for (let n = 0; n < size.namespaces; n++) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns${n}`, labels: { team: `t${n % 10}`, env: pick(['prod', 'dev', 'staging']) } } });
  }
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'];
  for (let i = 0; i < size.endpoints; i++) {
    const ns = `ns${i % size.namespaces}`;
    const labels = { app: `app${Math.floor(rand() * apps)}`, tier: pick(['web', 'api', 'db', 'cache', 'batch']), release: `r${i % 7}`, instance: `i${i}` };
    const spec = { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8000 + (i % 50) }, { name: 'metrics', containerPort: 9090 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] };
    const kind = pick(kinds);
    const metadata = { name: `w${i}`, namespace: ns };
    if (kind === 'Pod') objects.push({ apiVersion: 'v1', kind, metadata: { ...metadata, labels }, spec, status: { podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } });
    else objects.push({ apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: { app: labels.app } }, template: { metadata: { labels }, spec } } });
  }
  const peer = (): any => {
    switch (Math.floor(rand() * 5)) {
      case 0: return { podSelector: { matchLabels: { app: `app${Math.floor(rand() * apps)}` } } };
      case 1: return { namespaceSelector: { matchLabels: { team: `t${Math.floor(rand() * 10)}` } } };
      case 2: return { namespaceSelector: { matchLabels: { env: pick(['prod', 'dev']) } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(['web', 'api']), pick(['db', 'cache'])] }] } };
      case 3: {
        const net = Math.floor(rand() * 20);
        return { ipBlock: { cidr: `10.0.${net}.0/24`, except: [`10.0.${net}.128/25`] } };
      }
      default: return { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }] } };
    }
  };
  const ports = (): any[] => {
    switch (Math.floor(rand() * 4)) {
      case 0: return [{ port: 80 + Math.floor(rand() * 10) }, { port: 443 }];
      case 1: return [{ port: 8000, endPort: 8000 + Math.floor(rand() * 60) }];
      case 2: return [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }];
      default: return [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];
    }
  };
  for (let p = 0; p < size.policies; p++) {
    const ns = `ns${p % size.namespaces}`;
    let spec: any;
    if (p < size.namespaces) spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }] }] };
    else {
      const selectorKind = rand();
      const podSelector = selectorKind < 0.6 ? { matchLabels: { app: `app${Math.floor(rand() * apps)}` } }
        : selectorKind < 0.9 ? { matchLabels: { tier: pick(['web', 'api', 'db', 'cache', 'batch']) } } : { matchExpressions: [{ key: 'release', operator: 'In', values: ['r1', 'r2'] }] };
      const rules = (dir: 'from' | 'to') => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ [dir]: Array.from({ length: 1 + Math.floor(rand() * 2) }, peer), ports: ports() }));
      spec = rand() < 0.7 ? { podSelector, ingress: rules('from') } : { podSelector, policyTypes: ['Ingress', 'Egress'], ingress: rules('from'), egress: rules('to') };
    }
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${p}`, namespace: ns }, spec });
  }
  return objects;
}

/** Writes the cluster as one multi-document YAML file; returns its size in bytes. */
export function writeCluster(file: string, objects: any[]): number {
  fs.writeFileSync(file, objects.map((o) => stringify(o, { version: '1.1' })).join('---\n'));
  return fs.statSync(file).size;
}
