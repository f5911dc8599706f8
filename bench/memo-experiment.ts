/**
 * An experiment, not a change to the library: what synthesis would cost if `NetworkPolicy`
 * (src/constructs/network-policy.ts) memoized its model and its validation. Applied by monkey-patching
 * the prototype, only in the worker of the `ours-memo` variant.
 *
 * Why: cdk8s runs every construct validation at least twice per synth (`App.synthYaml()`/`App.synth()`
 * validate the app, then each `Chart.toJson()` -> `App._synthChart()` validates the whole app again,
 * once per chart), and `NetworkPolicy.validate()` resolves the whole object (`apiObject.toJson()`,
 * which runs the Lazy spec: `toModel()`, `toRules()`, emit) every time. So with one chart the spec is
 * built three times and validated twice; with one chart per namespace, charts + 2 and charts + 1 times.
 *
 * The memo keys are what can change the result: a revision counter bumped by every allow* call, the
 * object's metadata (labels can be added after construction) and the number of JSON patches.
 */
import { NetworkPolicy } from '../src/constructs/network-policy';

export function applyMemoExperiment(): void {
  const proto: any = NetworkPolicy.prototype;
  const revision = (self: any): number => self.__revision ?? 0;
  for (const method of ['allowIngress', 'allowEgress', 'allowEgressToPods']) {
    const original = proto[method];
    proto[method] = function (this: any, ...args: any[]) {
      this.__revision = revision(this) + 1;
      return original.apply(this, args);
    };
  }
  const key = (self: any): string => `${revision(self)}|${self.apiObject.patches?.length ?? 0}|${JSON.stringify(self.apiObject.metadata.toJson())}`;
  const toModel = proto.toModel;
  proto.toModel = function (this: any) {
    const k = `${revision(this)}|${JSON.stringify(this.apiObject.metadata.toJson())}`;
    if (this.__modelKey !== k) {
      this.__model = toModel.call(this);
      this.__modelKey = k;
    }
    return this.__model;
  };
  const validate = proto.validate;
  proto.validate = function (this: any) {
    const k = key(this);
    if (this.__validateKey !== k) {
      this.__errors = validate.call(this);
      this.__validateKey = k;
    }
    return [...this.__errors];
  };
}
