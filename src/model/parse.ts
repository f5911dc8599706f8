import { NETWORK_POLICY_API_VERSION } from './emit';
import { LabelSelector, LabelSelectorRequirement, SelectorOperator } from './label-selector';
import { NetworkPolicyModel } from './network-policy-model';
import { Peer } from './peer';
import { PolicyRule } from './policy-rule';
import { PolicyType } from './policy-type';
import { Port } from './port';
import { ALL_PROTOCOLS, Protocol } from './protocol';
import { validateNetworkPolicy, ValidationError, ValidationErrorType, ValidationOptions } from './validation';

/**
 * The outcome of parsing a NetworkPolicy manifest: the policy, or why it cannot be read.
 */
export interface ParseResult {
  /**
   * The policy, read as the API server reads it (with its defaults applied).
   * @default - none: the manifest has errors
   */
  readonly policy?: NetworkPolicyModel;
  /** Why the API server would reject the manifest; empty when `policy` is set. */
  readonly errors: ValidationError[];
}

/**
 * Reads a `networking.k8s.io/v1` NetworkPolicy (plain JSON, as decoded from YAML or JSON, of any
 * origin) into the model, with the API server's defaulting:
 *
 * - no `policyTypes` (absent, null or `[]`) means `[Ingress]`, plus `Egress` when `spec.egress` is non-empty;
 * - a rule without peers (`from`/`to` absent, null or `[]`) allows every peer (`Peer.anywhere()`);
 * - a rule without ports (`ports` absent, null or `[]`) allows all traffic (`Port.allTraffic()`);
 * - a port without `port` is every port of its protocol; an absent or null `protocol` is TCP;
 * - a missing `spec` or `spec.podSelector` selects every pod of the namespace;
 * - a missing name with a `generateName` takes the `generateName` as its name.
 *
 * CIDRs are kept exactly as written. The manifest is first checked with `validateNetworkPolicy`;
 * if the API server would reject it, the errors are returned and no policy. This function never
 * throws: a field of an unexpected JSON type is reported as an error of type `Invalid type`.
 *
 * @param manifest the NetworkPolicy object
 * @param options how to validate it
 */
export function parseNetworkPolicy(manifest: any, options: ValidationOptions = {}): ParseResult {
  const validationErrors = validateNetworkPolicy(manifest, options);
  if (validationErrors.length > 0) return { errors: validationErrors };
  const reader = new ManifestReader();
  const policy = reader.readPolicy(manifest);
  if (reader.errors.length > 0 || policy === undefined) return { errors: reader.errors };
  return { policy, errors: [] };
}

const PROTOCOL_VALUES = ALL_PROTOCOLS.map((p) => `"${p}"`).join(', ');
const POLICY_TYPE_VALUES = [PolicyType.EGRESS, PolicyType.INGRESS].map((p) => `"${p}"`).join(', ');
const OPERATORS: string[] = [SelectorOperator.IN, SelectorOperator.NOT_IN, SelectorOperator.EXISTS, SelectorOperator.DOES_NOT_EXIST];
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Reads one manifest, collecting every error rather than stopping at the first. */
class ManifestReader {
  public readonly errors: ValidationError[] = [];

  public readPolicy(manifest: any): NetworkPolicyModel | undefined {
    if (!isObject(manifest)) {
      this.typeError('<root>', manifest, 'a NetworkPolicy must be a JSON object');
      return undefined;
    }
    const apiVersion = this.readString(get(manifest, 'apiVersion'), 'apiVersion');
    if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== NETWORK_POLICY_API_VERSION) {
      this.typeError('apiVersion', apiVersion, `must be ${NETWORK_POLICY_API_VERSION}`);
    }
    const kind = this.readString(get(manifest, 'kind'), 'kind');
    if (kind !== undefined && kind !== '' && kind !== 'NetworkPolicy') {
      this.typeError('kind', kind, 'must be NetworkPolicy');
    }

    const metadata = this.readObject(get(manifest, 'metadata'), 'metadata') ?? {};
    let name = this.readString(get(metadata, 'name'), 'metadata.name');
    const generateName = this.readString(get(metadata, 'generateName'), 'metadata.generateName');
    if (!name && generateName) name = generateName;
    if (!name && !this.hasErrorAt('metadata.name') && !this.hasErrorAt('metadata.generateName')) {
      this.error('metadata.name', ValidationErrorType.REQUIRED, 'name or generateName is required');
    }
    const namespace = this.readString(get(metadata, 'namespace'), 'metadata.namespace');
    const labels = this.readStringMap(get(metadata, 'labels'), 'metadata.labels');
    const annotations = this.readStringMap(get(metadata, 'annotations'), 'metadata.annotations');

    const spec = this.readObject(get(manifest, 'spec'), 'spec') ?? {};
    const podSelector = this.readSelector(get(spec, 'podSelector'), 'spec.podSelector') ?? LabelSelector.all();
    const ingressJson = this.readList(get(spec, 'ingress'), 'spec.ingress');
    const egressJson = this.readList(get(spec, 'egress'), 'spec.egress');
    const ingress = ingressJson.map((r, i) => this.readRule(r, `spec.ingress[${i}]`, 'from'));
    const egress = egressJson.map((r, i) => this.readRule(r, `spec.egress[${i}]`, 'to'));

    const policyTypesJson = this.readList(get(spec, 'policyTypes'), 'spec.policyTypes');
    let policyTypes: PolicyType[];
    if (policyTypesJson.length === 0) {
      // SetDefaults_NetworkPolicy: only when policyTypes is empty.
      policyTypes = egressJson.length > 0 ? [PolicyType.INGRESS, PolicyType.EGRESS] : [PolicyType.INGRESS];
    } else {
      policyTypes = [];
      policyTypesJson.forEach((t, i) => {
        const field = `spec.policyTypes[${i}]`;
        const value = this.readString(t, field) ?? '';
        if (value === PolicyType.INGRESS || value === PolicyType.EGRESS) policyTypes.push(value);
        else if (!this.hasErrorAt(field)) this.error(field, ValidationErrorType.NOT_SUPPORTED, `supported values: ${POLICY_TYPE_VALUES}`, value);
      });
    }

    if (this.errors.length > 0 || name === undefined) return undefined;
    return new NetworkPolicyModel({
      name,
      namespace: namespace === '' ? undefined : namespace,
      labels,
      annotations,
      podSelector,
      policyTypes,
      ingress: ingress.filter(isDefined),
      egress: egress.filter(isDefined),
    });
  }

  private readRule(json: any, path: string, peersField: 'from' | 'to'): PolicyRule | undefined {
    // A null item of a list decodes to the zero value: an empty rule.
    const rule = json === null ? {} : this.readObject(json, path);
    if (rule === undefined) return undefined;
    const peersJson = this.readList(get(rule, peersField), `${path}.${peersField}`);
    const portsJson = this.readList(get(rule, 'ports'), `${path}.ports`);
    const peers = peersJson.length === 0 ? [Peer.anywhere()] : peersJson.map((p, j) => this.readPeer(p, `${path}.${peersField}[${j}]`));
    const ports = portsJson.length === 0 ? [Port.allTraffic()] : portsJson.map((p, j) => this.readPort(p, `${path}.ports[${j}]`));
    const definedPeers = peers.filter(isDefined);
    const definedPorts = ports.filter(isDefined);
    if (definedPeers.length !== peers.length || definedPorts.length !== ports.length) return undefined;
    return PolicyRule.of(definedPeers, definedPorts);
  }

  private readPeer(json: any, path: string): Peer | undefined {
    const peer = json === null ? {} : this.readObject(json, path);
    if (peer === undefined) return undefined;
    const before = this.errors.length;
    const podSelector = this.readSelector(get(peer, 'podSelector'), `${path}.podSelector`);
    const namespaceSelector = this.readSelector(get(peer, 'namespaceSelector'), `${path}.namespaceSelector`);
    const ipBlock = this.readObject(get(peer, 'ipBlock'), `${path}.ipBlock`);
    if (this.errors.length > before) return undefined;

    if (ipBlock !== undefined) {
      if (podSelector !== undefined || namespaceSelector !== undefined) {
        this.error(path, ValidationErrorType.FORBIDDEN, 'may not specify both ipBlock and another peer');
        return undefined;
      }
      const cidr = this.readString(get(ipBlock, 'cidr'), `${path}.ipBlock.cidr`);
      const except = this.readList(get(ipBlock, 'except'), `${path}.ipBlock.except`)
        .map((e, k) => (e === null ? '' : this.readString(e, `${path}.ipBlock.except[${k}]`)));
      if (this.errors.length > before) return undefined;
      if (!cidr) {
        this.error(`${path}.ipBlock.cidr`, ValidationErrorType.REQUIRED, 'cidr is required');
        return undefined;
      }
      return Peer.cidr(cidr, { except: except.filter(isDefined) });
    }
    if (podSelector !== undefined && namespaceSelector !== undefined) return Peer.podsIn(namespaceSelector, podSelector);
    if (namespaceSelector !== undefined) return Peer.namespaces(namespaceSelector);
    if (podSelector !== undefined) return Peer.pods(podSelector);
    this.error(path, ValidationErrorType.REQUIRED, 'must specify a peer');
    return undefined;
  }

  private readPort(json: any, path: string): Port | undefined {
    const port = json === null ? {} : this.readObject(json, path);
    if (port === undefined) return undefined;
    const before = this.errors.length;

    let protocol: Protocol = Protocol.TCP; // SetDefaults_NetworkPolicyPort: only an absent or null protocol
    const protocolJson = get(port, 'protocol');
    if (protocolJson !== undefined && protocolJson !== null) {
      const value = this.readString(protocolJson, `${path}.protocol`);
      const known = ALL_PROTOCOLS.find((p) => p === value);
      if (known !== undefined) protocol = known;
      else if (value !== undefined) this.error(`${path}.protocol`, ValidationErrorType.NOT_SUPPORTED, `supported values: ${PROTOCOL_VALUES}`, value);
    }

    let portNumber: number | undefined;
    let portName: string | undefined;
    const portJson = get(port, 'port');
    if (typeof portJson === 'string') portName = portJson;
    else if (portJson !== undefined && portJson !== null) portNumber = this.readInt32(portJson, `${path}.port`, 'must be an int32 or a string');

    const endPortJson = get(port, 'endPort');
    const endPort = endPortJson === undefined || endPortJson === null ? undefined : this.readInt32(endPortJson, `${path}.endPort`, 'must be an int32');
    if (this.errors.length > before) return undefined;

    if (endPort !== undefined) {
      if (portName !== undefined) {
        this.error(`${path}.endPort`, ValidationErrorType.INVALID, 'may not be specified when `port` is non-numeric', endPort);
        return undefined;
      }
      if (portNumber === undefined) {
        this.error(`${path}.endPort`, ValidationErrorType.INVALID, 'may not be specified when `port` is not specified', endPort);
        return undefined;
      }
      return Port.range(protocol, portNumber, endPort);
    }
    if (portName !== undefined) return Port.named(portName, protocol);
    if (portNumber !== undefined) return Port.of(protocol, portNumber);
    return Port.allOf(protocol);
  }

  private readSelector(json: any, path: string): LabelSelector | undefined {
    const selector = this.readObject(json, path);
    if (selector === undefined) return undefined;
    const before = this.errors.length;
    const labels = this.readStringMap(get(selector, 'matchLabels'), `${path}.matchLabels`);
    const expressions = this.readList(get(selector, 'matchExpressions'), `${path}.matchExpressions`)
      .map((e, i) => this.readRequirement(e, `${path}.matchExpressions[${i}]`));
    if (this.errors.length > before) return undefined;
    return LabelSelector.of({ labels, expressions: expressions.filter(isDefined) });
  }

  private readRequirement(json: any, path: string): LabelSelectorRequirement | undefined {
    const requirement = json === null ? {} : this.readObject(json, path);
    if (requirement === undefined) return undefined;
    const before = this.errors.length;
    const key = this.readString(get(requirement, 'key'), `${path}.key`) ?? '';
    const operator = this.readString(get(requirement, 'operator'), `${path}.operator`) ?? '';
    const values = this.readList(get(requirement, 'values'), `${path}.values`)
      .map((v, j) => (v === null ? '' : this.readString(v, `${path}.values[${j}]`)));
    if (this.errors.length > before) return undefined;
    if (!OPERATORS.includes(operator)) {
      this.error(`${path}.operator`, ValidationErrorType.INVALID, 'not a valid selector operator', operator);
      return undefined;
    }
    const op = operator as SelectorOperator;
    // Absent, null and [] values are all "no values"; the model spells that as undefined.
    return values.length === 0 ? { key, operator: op } : { key, operator: op, values: values.filter(isDefined) };
  }

  // ---- JSON shapes ---------------------------------------------------------------------------

  /** An object, or undefined when absent or null. */
  private readObject(json: any, field: string): any {
    if (json === undefined || json === null) return undefined;
    if (!isObject(json)) {
      this.typeError(field, json, 'must be an object');
      return undefined;
    }
    return json;
  }

  /** A list; absent and null are the empty list. */
  private readList(json: any, field: string): any[] {
    if (json === undefined || json === null) return [];
    if (!Array.isArray(json)) {
      this.typeError(field, json, 'must be a list');
      return [];
    }
    return json;
  }

  /** A string, or undefined when absent or null. */
  private readString(json: any, field: string): string | undefined {
    if (json === undefined || json === null) return undefined;
    if (typeof json !== 'string') {
      this.typeError(field, json, 'must be a string');
      return undefined;
    }
    return json;
  }

  private readInt32(json: any, field: string, detail: string): number | undefined {
    if (typeof json !== 'number' || !Number.isInteger(json) || json < INT32_MIN || json > INT32_MAX) {
      this.typeError(field, json, detail);
      return undefined;
    }
    return json;
  }

  /** A map of strings (labels, annotations, matchLabels); a null value decodes to "". */
  private readStringMap(json: any, field: string): { [key: string]: string } {
    const map = this.readObject(json, field);
    if (map === undefined) return {};
    const entries: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(map)) {
      if (value === null) entries.push([key, '']);
      else if (typeof value === 'string') entries.push([key, value]);
      else this.typeError(field, value, `the value of ${JSON.stringify(key)} must be a string`);
    }
    // Object.fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
    return Object.fromEntries(entries);
  }

  // ---- errors --------------------------------------------------------------------------------

  private hasErrorAt(field: string): boolean {
    return this.errors.some((e) => e.field === field);
  }

  private typeError(field: string, value: any, detail: string): void {
    this.error(field, ValidationErrorType.TYPE, detail, value);
  }

  private error(field: string, type: ValidationErrorType, detail: string, value?: any): void {
    const shown = value === undefined ? undefined : safeJson(value);
    const body = shown === undefined ? `${type}: ${detail}` : `${type}: ${shown}: ${detail}`;
    const error: { -readonly [K in keyof ValidationError]: ValidationError[K] } = { field, type, detail, message: `${field}: ${body}` };
    if (shown !== undefined) error.value = shown;
    this.errors.push(error);
  }
}

function isObject(value: any): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** An own property of a decoded JSON object (never one inherited from Object.prototype). */
function get(object: any, key: string): any {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function safeJson(value: any): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    try {
      text = String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
