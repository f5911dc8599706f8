import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { destinationsOf, resolvedNumbers, resolvesOn } from './checks/destinations';
import { lintCluster } from './lint-cluster';
import { EGRESS, INGRESS, LintContext, rulesOf } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintPolicy } from './lint-inputs';
import { LintOptions } from './lint-options';
import { runChecks } from './run-checks';
import { atLeast, Severity } from './severity';
import { SynthCheckMode } from './synth-check-mode';
import { ClusterModel } from '../analysis/cluster-model';
import { InventoryInput, readInventory } from '../analysis/manifest-inventory';
import { NetworkPolicy } from '../constructs/network-policy';
import { parseNetworkPolicy } from '../model/parse';
import { PeerKind } from '../model/peer';
import { ClusterDnsOptions } from '../patterns/cluster-dns-options';
import { CniProfile } from '../profiles/cni-profile';
import { Feature } from '../profiles/feature';
import { SupportLevel } from '../profiles/support-level';
import { writeSynthReport } from '../report/synth-report';

const SETTINGS = new WeakMap<IConstruct, NetpolSettings>();
const APPLIED_PATCHES = new WeakMap<ApiObject, Set<string>>();

/** A policy found in the construct tree, with the L2 that built it when there is one. */
interface TreePolicy {
  readonly lint: LintPolicy;
  readonly l2?: NetworkPolicy;
}

/**
 * Lint settings of an App or a Chart: the network plugin of the target cluster and what synth
 * does with the findings. Setting them once registers a validation on the scope, so that
 * `cdk8s synth` (and `Testing.synth`) lint every NetworkPolicy under it:
 *
 * ```ts
 * const settings = NetpolSettings.of(app);
 * settings.cni = Cni.k3s();
 * settings.mode = SynthCheckMode.FAIL;
 * ```
 *
 * A Chart's settings take precedence over its App's for the policies of that Chart. Pods and
 * workloads are looked up in the whole App (cdk8s-plus workloads and plain ApiObjects).
 */
export class NetpolSettings {
  /** The settings of an App or Chart, created (and its validation registered) on first use. */
  public static of(scope: IConstruct): NetpolSettings {
    let settings = SETTINGS.get(scope);
    if (!settings) {
      settings = new NetpolSettings(scope);
      SETTINGS.set(scope, settings);
    }
    return settings;
  }

  /**
   * The network plugin of the target cluster.
   * @default - none: only the checks that hold on every cluster
   */
  public cni?: CniProfile;
  /** Warn (default) or fail synth on findings. */
  public mode: SynthCheckMode = SynthCheckMode.WARN;
  /** With `SynthCheckMode.FAIL`: the least severity that fails synth (default: errors). */
  public failOn: Severity = Severity.ERROR;
  /**
   * Where the plugin does not support named ports, replace a named port by its number in the
   * synthesized manifest when every selected (ingress) or destination (egress) pod of the App
   * declares it with the same number; each rewrite is printed and listed in `rewrites`.
   * Rules with ipBlock or "anywhere" peers are never rewritten.
   */
  public resolveNamedPorts: boolean = false;
  /** The cluster's pod CIDRs, for `cni-ipblock-pod-ip`. */
  public podCidrs: string[] = [];
  /** Rule ids not to check. */
  public disabledRules: string[] = [];
  /**
   * Where the cluster DNS is, for `dns-blocked` (the options the patterns take).
   * @default - CoreDNS: pods labelled `k8s-app=kube-dns` in `kube-system`, on UDP 53 and TCP 53
   */
  public dns?: ClusterDnsOptions;
  /**
   * The file name (relative to the App's output directory, e.g. `netpol-report.html`) of a
   * self-contained HTML report written at synth: the connectivity graph and namespace matrix of
   * the objects under the scope (an App: all; a Chart: its own), with these settings' lint findings.
   * @default - no report
   */
  public report?: string;
  /** The scope these settings apply to. */
  public readonly scope: IConstruct;
  /** The rewrites done so far, as messages. */
  public readonly rewrites: string[] = [];

  private constructor(scope: IConstruct) {
    this.scope = scope;
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * Lints the policies these settings govern now and returns the findings (rewrites of named
   * ports, when enabled, are applied first and their findings left out).
   */
  public findings(): LintFinding[] {
    const { policies, cluster, unreadable } = this.collect();
    const options: LintOptions = {
      cni: this.cni,
      podCidrs: this.podCidrs.length > 0 ? [...this.podCidrs] : undefined,
      disabledRules: [...this.disabledRules],
      dns: this.dns,
    };
    const ctx = new LintContext(policies.map((p) => p.lint), lintCluster(options, cluster), options);
    const rewritten = this.resolveNamedPorts ? this.rewrite(policies, ctx) : new Set<string>();
    const findings = runChecks(ctx).filter((f) => !(f.rule === 'cni-named-port' && rewritten.has(`${f.path}|${f.field}`)));
    return [...unreadable, ...findings];
  }

  private validate(): string[] {
    const errors: string[] = [];
    const findings = this.findings();
    if (this.report !== undefined) {
      try {
        writeSynthReport(this.scope, this.report, findings, this.cni?.displayName);
      } catch (e) {
        errors.push(`cannot write the NetworkPolicy report ${this.report}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    for (const f of findings) {
      const text = `[${f.rule}] ${f.kind} ${f.namespace ?? '-'}/${f.name}${f.field ? ` ${f.field}` : ''}: ${f.message}`;
      if (this.mode === SynthCheckMode.FAIL && atLeast(f.severity, this.failOn)) {
        errors.push(text);
      } else {
        process.stderr.write(`cdk8s-netpol ${f.severity} at ${f.path ?? '-'}: ${text}\n`);
      }
    }
    return errors;
  }

  /**
   * The policies these settings govern, and the pods, workloads and namespaces of the whole App,
   * read from the ApiObjects' JSON as the analysis reads manifests.
   */
  private collect(): { policies: TreePolicy[]; cluster: ClusterModel; unreadable: LintFinding[] } {
    const policies: TreePolicy[] = [];
    const unreadable: LintFinding[] = [];
    for (const c of this.scope.node.findAll()) {
      if (nearestSettings(c) !== this) continue;
      if (c instanceof NetworkPolicy) {
        // Patched by the user: lint the manifest that is written (its own validation reports what is wrong with it).
        const patched = userPatchCount(c.apiObject) > 0;
        const policy = patched ? parseNetworkPolicy(safeJson(c.apiObject)).policy : c.toModel();
        if (policy) policies.push({ lint: { policy, path: c.node.path, fromConstruct: !patched }, l2: c });
      } else if (ApiObject.isApiObject(c) && c.kind === 'NetworkPolicy' && !(c.node.scope instanceof NetworkPolicy)) {
        const manifest = safeJson(c);
        const parsed = parseNetworkPolicy(manifest);
        if (parsed.policy) {
          policies.push({ lint: { policy: parsed.policy, manifest, path: c.node.path } });
        } else {
          // Never left out in silence: the API server would reject it.
          for (const e of parsed.errors) {
            unreadable.push({
              rule: 'invalid',
              severity: Severity.ERROR,
              kind: 'NetworkPolicy',
              name: c.name,
              namespace: c.metadata.namespace,
              field: e.field || undefined,
              message: e.message,
              path: c.node.path,
            });
          }
        }
      }
    }
    const objects: InventoryInput[] = [];
    for (const c of this.scope.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(c) || c.kind === 'NetworkPolicy') continue;
      const json = safeJson(c);
      if (json !== undefined) objects.push({ object: json, constructPath: c.node.path });
    }
    // A pod or workload the API server would reject fails at apply; here it is only left out.
    return { policies, cluster: readInventory(objects).cluster, unreadable };
  }

  /** Applies the safe named-port rewrites; returns `path|field` of each rewritten port. */
  private rewrite(policies: TreePolicy[], ctx: LintContext): Set<string> {
    const done = new Set<string>();
    if (!this.cni || this.cni.level(Feature.NAMED_PORTS) === SupportLevel.ENFORCED) return done;
    for (const { lint, l2 } of policies) {
      if (!l2) continue;
      for (const direction of [INGRESS, EGRESS]) {
        for (const { rule, field } of rulesOf(lint.policy, direction)) {
          if (direction.name === 'egress' && rule.peers.some((p) => p.kind === PeerKind.IP_BLOCK || p.kind === PeerKind.ANYWHERE)) continue;
          const pods = destinationsOf(ctx, lint, direction, rule);
          rule.ports.forEach((port, j) => {
            if (port.name === undefined || pods.length === 0) return;
            const numbers = resolvedNumbers(port, pods);
            const allDeclare = pods.every((pod) => resolvesOn(port, pod));
            if (numbers.length !== 1 || !allDeclare) return;
            const portField = `${field}.ports[${j}].port`;
            const pointer = `/spec/${direction.name}/${field.match(/\[(\d+)\]$/)![1]}/ports/${j}/port`;
            const applied = APPLIED_PATCHES.get(l2.apiObject) ?? new Set<string>();
            if (!applied.has(pointer)) {
              l2.apiObject.addJsonPatch(JsonPatch.replace(pointer, numbers[0]));
              applied.add(pointer);
              APPLIED_PATCHES.set(l2.apiObject, applied);
              const message = `cdk8s-netpol: ${l2.node.path} ${portField}: named port '${port.name}' (${port.protocol}) written as ${numbers[0]}, ` +
                `because ${this.cni!.displayName} does not support named ports and every ${direction.name === 'ingress' ? 'selected' : 'destination'} pod of the app declares it as ${numbers[0]}`;
              this.rewrites.push(message);
              process.stderr.write(`${message}\n`);
            }
            done.add(`${lint.path}|${portField}`);
          });
        }
      }
    }
    return done;
  }
}

/** The settings that govern a construct: those of its nearest App or Chart that has some. */
function nearestSettings(c: IConstruct): NetpolSettings | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = SETTINGS.get(scopes[i]);
    if (s) return s;
  }
  return undefined;
}

/** The JSON patches of an ApiObject that the user added (not the named-port rewrites of these settings). */
function userPatchCount(o: ApiObject): number {
  const all: unknown[] = (o as any).patches ?? [];
  return all.length - (APPLIED_PATCHES.get(o)?.size ?? 0);
}

function safeJson(o: ApiObject): any {
  try {
    return o.toJson();
  } catch {
    return undefined;
  }
}
