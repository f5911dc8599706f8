import { ManifestDocument, objectIdentity } from '../io';
import { validateNetworkPolicy, ValidationError } from '../model';
import { CliIo } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import {
  completenessJson, EXIT_INCOMPLETE, EXIT_UNUSABLE, incompleteTextLines, LeftOutEntry, readCommandInput, reportOtherApis, VERBOSE_FLAG,
} from './command-input';
import { OUTPUT_FLAG } from './flag';
import { ParsedArgs } from './parse-args';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';
import { otherPolicyApi } from '../analysis/other-policy-apis';
import { adminPolicyKindOf } from '../dialects/admin/admin-api';
import { validateAdminPolicy } from '../dialects/admin/validate-admin-policy';
import { isCalicoReadKind, validateCalicoObject } from '../dialects/calico/read-calico';
import { CILIUM_READ_DEFAULT_VERSION, isCiliumReadKind } from '../dialects/cilium/read-cilium';
import { validateCiliumManifest } from '../dialects/cilium/validate-cilium';

/** The only apiVersion a NetworkPolicy is served as. */
const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';
const NETWORK_POLICY_KIND = 'NetworkPolicy';

/** One error of a result, as `--output json` prints it. */
export interface ValidateResultError {
  /** The field path, as the API server writes it (`spec.ingress[0].ports[0].port`); empty for the whole document. */
  readonly field: string;
  /** The whole message. */
  readonly message: string;
}

/** The verdict on one NetworkPolicy (or one document that is not an object), as `--output json` prints it. */
export interface ValidateResult {
  readonly file: string;
  /** The index of the document in its file. */
  readonly index: number;
  /** Only for an item of a List: its index in `items`. */
  readonly itemIndex?: number;
  /** The object's apiVersion, or null when it has none (or is not an object). */
  readonly apiVersion: string | null;
  /** `NetworkPolicy` (or an admin policy or Calico kind), or null for a document that is not an object. */
  readonly kind: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly valid: boolean;
  readonly errors: ValidateResultError[];
}

/**
 * `cdk8s-netpol validate`: the API server's verdict on every NetworkPolicy of the input.
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check NetworkPolicy manifests as the Kubernetes API server would',
  synopsis: '[--strict-cidr] [--calico-version X.Y] [--cilium-version X.Y] [--verbose] [--output text|json] [--kubeconfig PATH] [--context NAME] <file|dir|cluster>...',
  flags: [
    { name: 'strict-cidr', description: 'Parse CIDRs as Kubernetes 1.36+ does (no leading zeros, no bits beyond the prefix)' },
    { name: 'calico-version', valueName: 'X.Y', description: 'The Calico release whose API server judges projectcalico.org/v3 objects (default 3.27, the article\'s)' },
    { name: 'cilium-version', valueName: 'X.Y', description: `The Cilium release whose CRD and rule sanitizer judge cilium.io/v2 policies (default ${CILIUM_READ_DEFAULT_VERSION})` },
    VERBOSE_FLAG,
    OUTPUT_FLAG,
    ...CLUSTER_FLAGS,
  ],
  details: [
    'Reads YAML (multi-document) and JSON files, List objects, and directories recursively',
    '(*.yaml, *.yml, *.json; never node_modules or dot-folders; files that hold no Kubernetes',
    'object are skipped); `-` reads standard input. Validates every object of kind NetworkPolicy',
    `(apiVersion ${NETWORK_POLICY_API_VERSION}) as a create request, every AdminNetworkPolicy and`,
    'BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and ClusterNetworkPolicy (v1alpha2)',
    "against their CRDs' schemas and rules (network-policy-api v0.1.7 / v0.2.0, experimental channel),",
    "Calico's NetworkPolicy, GlobalNetworkPolicy, NetworkSet and GlobalNetworkSet (projectcalico.org/v3",
    "or crd.projectcalico.org/v1) by the rules of Calico's API server (--calico-version),",
    "CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) by Cilium's CRD and rule",
    'sanitizer (--cilium-version), and ignores other kinds. Policies of other APIs (crd.antrea.io,',
    'other kinds of their groups)',
    'are not validated: they are named and listed as left out.',
    '',
    CLUSTER_INPUT_HELP,
    '',
    'Output json: {"complete","leftOut":[{"file","line","object","reason","message"}],',
    '  "results":[{"file","index","apiVersion","kind","namespace","name","valid","errors":[{"field","message"}]}]}',
    '',
    'Exit codes:',
    '  0  every NetworkPolicy is valid',
    '  1  some NetworkPolicy (or document) is invalid',
    '  2  unusable input: no path, unreadable path or file, YAML or JSON syntax error, no Kubernetes',
    '     object at all (the other files are still validated)',
    '  3  every NetworkPolicy is valid, but policies of other APIs were not validated',
  ].join('\n'),
  run: runValidate,
};

function runValidate(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  const strictCidr = args.flags['strict-cidr'] === true;
  const input = readCommandInput('validate', args.positionals, args, io);
  const calicoVersion = typeof args.flags['calico-version'] === 'string' ? args.flags['calico-version'] : '3.27';
  if (!/^3\.\d+$/.test(calicoVersion)) throw new UsageError(`--calico-version: expected a Calico 3 release such as 3.27, got ${JSON.stringify(calicoVersion)}`);
  const ciliumVersion = typeof args.flags['cilium-version'] === 'string' ? args.flags['cilium-version'] : CILIUM_READ_DEFAULT_VERSION;
  if (!/^1\.\d+$/.test(ciliumVersion)) throw new UsageError(`--cilium-version: expected a Cilium 1.x release such as 1.16, got ${JSON.stringify(ciliumVersion)}`);
  const results = validateDocuments(input.documents, strictCidr, calicoVersion, ciliumVersion);
  const otherApis = otherApiPolicies(input.documents);
  reportOtherApis('validate', otherApis, io);
  const leftOut = [...input.unusableFiles, ...otherApis];
  if (args.flags.output === 'json') {
    // Exactly the documented keys: List items are told apart by their order (and by itemIndex in text output).
    const documented = results.map(({ itemIndex: _itemIndex, ...result }) => result);
    io.stdout(`${JSON.stringify({ ...completenessJson(leftOut), results: documented }, undefined, 2)}\n`);
  } else {
    io.stdout([...incompleteTextLines(leftOut), formatText(results)].join('\n'));
  }
  if (results.length === 0 && input.unusableFiles.length === 0) io.stderr(`${PROGRAM} validate: no NetworkPolicy found in the input\n`);
  if (input.unusableFiles.length > 0) return EXIT_UNUSABLE;
  if (!results.every(r => r.valid)) return 1;
  return otherApis.length > 0 ? EXIT_INCOMPLETE : 0;
}

/** The policies of other APIs among the documents, which validate does not judge. */
function otherApiPolicies(documents: readonly ManifestDocument[]): LeftOutEntry[] {
  const out: LeftOutEntry[] = [];
  for (const document of documents) {
    const id = objectIdentity(document.object);
    const group = otherPolicyApi(id.apiVersion, id.kind);
    if (group === undefined) continue;
    out.push({
      file: document.file,
      line: document.line,
      object: `${id.kind} ${id.namespace !== undefined ? `${id.namespace}/` : ''}${id.name ?? '?'}`,
      reason: 'other-api',
      message: `a policy of the ${group} API (${id.apiVersion}), which cdk8s-netpol does not validate`,
    });
  }
  return out;
}

/**
 * The results for the documents read: one per NetworkPolicy and one per document that is not an object,
 * in input order; other kinds are left out.
 */
export function validateDocuments(documents: readonly ManifestDocument[], strictCidr: boolean, calicoVersion = '3.27', ciliumVersion = CILIUM_READ_DEFAULT_VERSION): ValidateResult[] {
  const results: ValidateResult[] = [];
  for (const document of documents) {
    const origin = { file: document.file, index: document.index, ...(document.itemIndex !== undefined ? { itemIndex: document.itemIndex } : {}) };
    if (document.malformed !== undefined) {
      results.push({ ...origin, apiVersion: null, kind: null, namespace: null, name: null, valid: false, errors: [{ field: '', message: document.malformed }] });
      continue;
    }
    const identity = objectIdentity(document.object);
    const apiVersion = typeof identity.apiVersion === 'string' ? identity.apiVersion : null;
    if (identity.kind === undefined) {
      // kubectl apply refuses it ("kind not set"); it may be a NetworkPolicy that lost its kind.
      results.push({ ...origin, apiVersion, kind: null, namespace: identity.namespace ?? null, name: identity.name ?? null, valid: false, errors: [{ field: 'kind', message: 'kind: Required value: kind not set, so what the object is cannot be known' }] });
      continue;
    }
    if (adminPolicyKindOf(identity.apiVersion, identity.kind) !== undefined) {
      const errors = validateAdminPolicy(document.object).map((e) => ({ field: e.field, message: e.message }));
      results.push({ ...origin, apiVersion, kind: identity.kind, namespace: null, name: identity.name ?? null, valid: errors.length === 0, errors });
      continue;
    }
    if (isCalicoReadKind(identity.apiVersion, identity.kind)) {
      const errors = validateCalicoObject(document.object, calicoVersion);
      const global = identity.kind.startsWith('Global');
      const namespace = global ? null : identity.namespace ?? null;
      results.push({ ...origin, apiVersion, kind: identity.kind, namespace, name: identity.name ?? null, valid: errors.length === 0, errors });
      continue;
    }
    if (isCiliumReadKind(identity.apiVersion, identity.kind)) {
      let errors: ValidateResultError[];
      try {
        errors = validateCiliumManifest(document.object, { version: ciliumVersion }).map((e) => ({ field: e.field, message: e.message }));
      } catch (e) {
        errors = [{ field: '', message: (e as Error).message }];
      }
      const clusterwide = identity.kind === 'CiliumClusterwideNetworkPolicy';
      const namespace = clusterwide ? null : identity.namespace ?? null;
      results.push({ ...origin, apiVersion, kind: identity.kind, namespace, name: identity.name ?? null, valid: errors.length === 0, errors });
      continue;
    }
    if (identity.kind.toLowerCase() !== NETWORK_POLICY_KIND.toLowerCase()) continue;
    if (otherPolicyApi(identity.apiVersion, identity.kind) !== undefined) continue;
    const errors = validateOne(document.object, strictCidr);
    results.push({
      ...origin,
      apiVersion,
      kind: identity.kind,
      namespace: identity.namespace ?? null,
      name: identity.name ?? null,
      valid: errors.length === 0,
      errors,
    });
  }
  return results;
}

/** The validator decides everything, apiVersion and kind included: one rule set for the library and the CLI. */
function validateOne(object: unknown, strictCidr: boolean): ValidateResultError[] {
  let errors: ValidationError[];
  try {
    errors = validateNetworkPolicy(object, { strictCidr });
  } catch (e) {
    return [{ field: '', message: `internal error of the validator (please report it): ${e instanceof Error ? e.message : String(e)}` }];
  }
  return errors.map(e => ({ field: e.field, message: e.message }));
}

function formatText(results: readonly ValidateResult[]): string {
  const lines: string[] = [];
  let valid = 0;
  let invalid = 0;
  let malformed = 0;
  let adminValid = 0;
  let adminInvalid = 0;
  let calicoValid = 0;
  let calicoInvalid = 0;
  for (const result of results) {
    const where = `${result.file}#${result.index}${result.itemIndex !== undefined ? `.items[${result.itemIndex}]` : ''}`;
    if (result.kind === null) {
      malformed++;
      lines.push(`INVALID ${where} (not a Kubernetes object${result.name !== null ? `: ${result.name}` : ''})`);
    } else if (isCalicoReadKind(result.apiVersion, result.kind) || isCiliumReadKind(result.apiVersion, result.kind)) {
      if (result.valid) calicoValid++; else calicoInvalid++;
      lines.push(`${result.valid ? 'OK' : 'INVALID'} ${where} ${result.kind} ${result.namespace !== null ? `${result.namespace}/` : ''}${result.name ?? '-'}`);
    } else if (adminPolicyKindOf(`policy.networking.k8s.io/${result.kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1'}`, result.kind) !== undefined) {
      if (result.valid) adminValid++; else adminInvalid++;
      lines.push(`${result.valid ? 'OK' : 'INVALID'} ${where} ${result.kind}/${result.name ?? '-'}`);
    } else {
      if (result.valid) valid++; else invalid++;
      lines.push(`${result.valid ? 'OK' : 'INVALID'} ${where} ${result.namespace ?? '-'}/${result.name ?? '-'}`);
    }
    for (const error of result.errors) lines.push(`  ${error.message.replace(/\n/g, '\n    ')}`);
  }
  const policies = valid + invalid;
  lines.push(
    `${policies} ${policies === 1 ? 'NetworkPolicy' : 'NetworkPolicies'}: ${valid} valid, ${invalid} invalid` +
    (adminValid + adminInvalid > 0 ? `; ${adminValid + adminInvalid} cluster-wide ${adminValid + adminInvalid === 1 ? 'policy' : 'policies'}: ${adminValid} valid, ${adminInvalid} invalid` : '') +
    (calicoValid + calicoInvalid > 0 ? `; ${calicoValid + calicoInvalid} Calico/Cilium ${calicoValid + calicoInvalid === 1 ? 'object' : 'objects'}: ${calicoValid} valid, ${calicoInvalid} invalid` : '') +
    (malformed > 0 ? `; ${malformed} malformed ${malformed === 1 ? 'document' : 'documents'}` : ''),
  );
  return `${lines.join('\n')}\n`;
}
