import { IConstruct } from 'constructs';
import { NetworkPolicy } from './network-policy';
import { policyWriterScopeFor, setPolicyWriter } from './policy-writer';
import { CalicoOptions, resolveCalicoOptions } from '../dialects/calico/calico-options';
import { emitCalicoNetworkPolicy } from '../dialects/calico/emit-calico';
import { validateCalicoManifest } from '../dialects/calico/validate-calico';

/**
 * Write the NetworkPolicy constructs under a scope (an App, a Chart, any construct), and so every
 * pattern built on them (`DenyAllByDefault`, `AllowFromNamespace`, `RestrictEgressToCidr`, ...),
 * as Calico `projectcalico.org/v3` NetworkPolicies instead of `networking.k8s.io/v1`:
 *
 * ```ts
 * CalicoOutput.enable(chart);                       // Calico Open Source 3.27, order 1000
 * CalicoOutput.enable(chart, { order: 100 });       // before the converted v1 policies
 * ```
 *
 * Each policy keeps its meaning (the same pods, the same allowed traffic: Calico's own conversion
 * of the v1 policy, written out), its name and its namespace; the v1 checks still run at synth, and
 * the Calico output is checked too (a name with '.' is refused: Calico policy names have none).
 * A policy with user JSON patches is refused: the patches address the v1 manifest.
 * The nearest scope's setting wins. Applying `projectcalico.org/v3` objects needs the Calico API
 * server (or `calicoctl`).
 */
export class CalicoOutput {
  /** Write the NetworkPolicy constructs under `scope` as Calico v3; returns the setting. */
  public static enable(scope: IConstruct, options: CalicoOptions = {}): CalicoOutput {
    resolveCalicoOptions(options);
    if (policyWriterScopeFor(scope) === scope) {
      throw new Error(`${scope.node.path || '(app)'}: its NetworkPolicy constructs are already written in another dialect; choose one per scope`);
    }
    const output = new CalicoOutput(scope, options);
    setPolicyWriter(scope, { writes: 'projectcalico.org/v3 NetworkPolicy', write: (policy) => output.write(policy as NetworkPolicy) });
    scope.node.addValidation({ validate: () => output.validate() });
    return output;
  }

  /** The scope whose policies are written as Calico. */
  public readonly scope: IConstruct;
  /** The Calico options. */
  public readonly options: CalicoOptions;

  private constructor(scope: IConstruct, options: CalicoOptions) {
    this.scope = scope;
    this.options = { ...options };
  }

  /** The Calico manifest of one NetworkPolicy construct (throws when it cannot be written). */
  public manifestOf(policy: NetworkPolicy): any {
    const patches: unknown[] = (policy.apiObject as any).patches ?? [];
    if (patches.length > 0) {
      throw new Error(`${policy.node.path}: it has JSON patches, which address the networking.k8s.io/v1 manifest, and it is written as Calico v3 (CalicoOutput): ` +
        'remove the patches, or write this policy as v1 (outside the CalicoOutput scope)');
    }
    const model = policy.toModel();
    const emitted = emitCalicoNetworkPolicy(model, this.options);
    const metadata = policy.apiObject.metadata.toJson();
    return { ...emitted, metadata: { ...metadata, name: emitted.metadata.name } };
  }

  private write(policy: NetworkPolicy): unknown {
    return this.manifestOf(policy);
  }

  private validate(): string[] {
    const errors: string[] = [];
    for (const c of this.scope.node.findAll()) {
      if (!(c instanceof NetworkPolicy) || !this.governs(c)) continue;
      try {
        for (const e of validateCalicoManifest(this.manifestOf(c), this.options)) errors.push(`${c.node.path} (as Calico v3): ${e.message}`);
      } catch (e) {
        errors.push(`${c.node.path} (as Calico v3): ${(e as Error).message}`);
      }
    }
    return errors;
  }

  /** Whether this setting (not a nearer one, of any dialect) governs the policy. */
  private governs(policy: NetworkPolicy): boolean {
    return policyWriterScopeFor(policy) === this.scope;
  }
}
