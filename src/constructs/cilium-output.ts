import { IConstruct } from 'constructs';
import { NetworkPolicy } from './network-policy';
import { policyWriterScopeFor, setPolicyWriter } from './policy-writer';
import { CiliumOptions, resolveCiliumOptions } from '../dialects/cilium/cilium-options';
import { emitCiliumNetworkPolicy } from '../dialects/cilium/emit-cilium';
import { validateCiliumManifest } from '../dialects/cilium/validate-cilium';

/**
 * Write the NetworkPolicy constructs under a scope (an App, a Chart, any construct), and so every
 * pattern built on them, as Cilium `cilium.io/v2` CiliumNetworkPolicies instead of
 * `networking.k8s.io/v1`:
 *
 * ```ts
 * CiliumOutput.enable(chart);                       // Cilium 1.15
 * CiliumOutput.enable(chart, { version: '1.16' });  // port ranges (endPort), enableDefaultDeny
 * ```
 *
 * Each policy keeps its name, namespace and pods; rules are written one per peer (`toEndpoints`,
 * `toCIDRSet`, `toEntities: [all]` for anywhere). What the release cannot say is refused at synth
 * (a port range before 1.16). As Cilium enforces v1 policies too: a CIDR never matches pods there.
 * A policy with user JSON patches is refused: the patches address the v1 manifest.
 */
export class CiliumOutput {
  /** Write the NetworkPolicy constructs under `scope` as Cilium; returns the setting. */
  public static enable(scope: IConstruct, options: CiliumOptions = {}): CiliumOutput {
    resolveCiliumOptions(options);
    if (policyWriterScopeFor(scope) === scope) {
      throw new Error(`${scope.node.path || '(app)'}: its NetworkPolicy constructs are already written in another dialect; choose one per scope`);
    }
    const output = new CiliumOutput(scope, options);
    setPolicyWriter(scope, { writes: 'cilium.io/v2 CiliumNetworkPolicy', write: (policy) => output.write(policy as NetworkPolicy) });
    scope.node.addValidation({ validate: () => output.validate() });
    return output;
  }

  /** The scope whose policies are written as Cilium. */
  public readonly scope: IConstruct;
  /** The Cilium options. */
  public readonly options: CiliumOptions;

  private constructor(scope: IConstruct, options: CiliumOptions) {
    this.scope = scope;
    this.options = { ...options };
  }

  /** The Cilium manifest of one NetworkPolicy construct (throws when it cannot be written). */
  public manifestOf(policy: NetworkPolicy): any {
    const patches: unknown[] = (policy.apiObject as any).patches ?? [];
    if (patches.length > 0) {
      throw new Error(`${policy.node.path}: it has JSON patches, which address the networking.k8s.io/v1 manifest, and it is written as Cilium (CiliumOutput): ` +
        'remove the patches, or write this policy as v1 (outside the CiliumOutput scope)');
    }
    const model = policy.toModel();
    const emitted = emitCiliumNetworkPolicy(model, this.options);
    return { ...emitted, metadata: policy.apiObject.metadata.toJson() };
  }

  private write(policy: NetworkPolicy): unknown {
    return this.manifestOf(policy);
  }

  private validate(): string[] {
    const errors: string[] = [];
    for (const c of this.scope.node.findAll()) {
      if (!(c instanceof NetworkPolicy) || !this.governs(c)) continue;
      try {
        for (const e of validateCiliumManifest(this.manifestOf(c), this.options)) errors.push(`${c.node.path} (as Cilium): ${e.message}`);
      } catch (e) {
        errors.push(`${c.node.path} (as Cilium): ${(e as Error).message}`);
      }
    }
    return errors;
  }

  /** Whether this setting (not a nearer one, of any dialect) governs the policy. */
  private governs(policy: NetworkPolicy): boolean {
    return policyWriterScopeFor(policy) === this.scope;
  }
}
