/** The Calico v3 kinds the lab applies (policies and the address sets their selectors can match). */
const CALICO_KINDS: { [kind: string]: { plural: string; namespaced: boolean; policy: boolean } } = {
  NetworkPolicy: { plural: 'networkpolicies', namespaced: true, policy: true },
  GlobalNetworkPolicy: { plural: 'globalnetworkpolicies', namespaced: false, policy: true },
  NetworkSet: { plural: 'networksets', namespaced: true, policy: false },
  GlobalNetworkSet: { plural: 'globalnetworksets', namespaced: false, policy: false },
};

export const CALICO_CRD_GROUP = '/apis/crd.projectcalico.org/v1';

/** Whether an object is a `projectcalico.org/v3` object of a kind the lab applies. */
export function isCalicoV3Object(object: any): boolean {
  return object?.apiVersion === 'projectcalico.org/v3' && typeof object?.kind === 'string' && CALICO_KINDS[object.kind] !== undefined;
}

/** A Calico object as the lab writes it to the API server. */
export interface CalicoCrdObject {
  /** How results name it: `Kind namespace/name` or `Kind name`, with the v3 name. */
  readonly ref: string;
  /** The collection to POST to. */
  readonly collection: string;
  readonly object: any;
}

/**
 * Writes a `projectcalico.org/v3` object as Calico v3.27's API server (libcalico-go's clientv3) stores it
 * in Kubernetes-datastore mode, for a lab that has Calico's CRDs but not its API server:
 * - apiVersion `crd.projectcalico.org/v1`, the same kind and spec;
 * - a NetworkPolicy's or GlobalNetworkPolicy's name prefixed `default.` (clientv3's
 *   convertPolicyNameForStorage: the default tier; names starting `knp.` or `ossg.` are kept). Felix
 *   orders policies of equal `order` by this stored name, so the prefix decides ties with the
 *   `knp.default.` policies Calico makes of Kubernetes NetworkPolicies;
 * - a policy without `types` gets them as clientv3's defaultPolicyTypesField does (Egress when it has
 *   egress rules and no ingress rules, both when it has both, else Ingress);
 * - a namespaced object without a namespace gets `default` (as kubectl and calicoctl would).
 * Everything else (labels, annotations) is kept; status and server fields are dropped.
 */
export function toCalicoCrdObject(object: any): CalicoCrdObject {
  const kind = CALICO_KINDS[object.kind];
  const name: string = object.metadata?.name;
  const namespace: string | undefined = kind.namespaced ? object.metadata?.namespace ?? 'default' : undefined;
  const spec = { ...(object.spec ?? {}) };
  let storedName = name;
  if (kind.policy) {
    storedName = name.startsWith('knp.') || name.startsWith('ossg.') ? name : `default.${name}`;
    if (!Array.isArray(spec.types) || spec.types.length === 0) {
      const ingress = Array.isArray(spec.ingress) && spec.ingress.length > 0;
      const egress = Array.isArray(spec.egress) && spec.egress.length > 0;
      spec.types = !egress ? ['Ingress'] : !ingress ? ['Egress'] : ['Ingress', 'Egress'];
    }
  }
  const metadata: any = { name: storedName };
  if (namespace !== undefined) metadata.namespace = namespace;
  if (object.metadata?.labels) metadata.labels = object.metadata.labels;
  if (object.metadata?.annotations) metadata.annotations = object.metadata.annotations;
  return {
    ref: `${object.kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`,
    collection: `${CALICO_CRD_GROUP}${namespace !== undefined ? `/namespaces/${namespace}` : ''}/${kind.plural}`,
    object: { apiVersion: 'crd.projectcalico.org/v1', kind: object.kind, metadata, spec },
  };
}

/** The collections (cluster-wide, all namespaces) the lab empties between scenarios. */
export const CALICO_COLLECTIONS = Object.values(CALICO_KINDS).map((k) => `${CALICO_CRD_GROUP}/${k.plural}`);
