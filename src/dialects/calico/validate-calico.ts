import { calicoEditionName, CalicoOptions, resolveCalicoOptions } from './calico-options';
import { parseCalicoSelector } from './calico-selector-parser';
import { CALICO_API_VERSION } from './emit-calico';
import { maskedCidrString, parseCidrSloppy, ParsedCidr } from '../../model/cidr';
import { forbidden, invalid, notSupported, required } from '../../model/validation/field-error';
import { childPath, indexPath } from '../../model/validation/field-path';
import { isValidPortName } from '../../model/validation/formats';
import { validateLabels } from '../../model/validation/validate-labels';
import { validateAnnotations } from '../../model/validation/validate-metadata';
import { ValidationError } from '../../model/validation/validation-error';

/**
 * The rules of Calico's API server (libcalico-go `lib/validator/v3`, v3.27.3) for the fields that
 * this library writes in `NetworkPolicy`, `GlobalNetworkPolicy` and `GlobalNetworkSet`, plus what
 * the target release or edition cannot do (tiers before 3.29 in Open Source; `domains` outside
 * Calico Enterprise and Cloud). Errors name the field as a JSON path, the value and the reason in
 * Calico's words.
 */
export function validateCalicoManifest(manifest: any, options: CalicoOptions = {}): ValidationError[] {
  const target = resolveCalicoOptions({ ...options, tier: undefined });
  const errs: ValidationError[] = [];
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return [invalid('', manifest, 'a Calico object must be a JSON object')];
  }
  if (manifest.apiVersion !== CALICO_API_VERSION) errs.push(notSupported('apiVersion', manifest.apiVersion, [CALICO_API_VERSION]));
  const kind = manifest.kind;
  if (kind !== 'NetworkPolicy' && kind !== 'GlobalNetworkPolicy' && kind !== 'GlobalNetworkSet') {
    return [...errs, notSupported('kind', kind, ['NetworkPolicy', 'GlobalNetworkPolicy', 'GlobalNetworkSet'])];
  }
  const metadata = manifest.metadata ?? {};
  const spec = manifest.spec ?? {};
  errs.push(...validateName(kind, metadata.name, spec.tier, target.minor));
  if (kind === 'NetworkPolicy') {
    // As for v1, a policy written without a namespace gets the one of the kubectl context at apply.
    if (metadata.namespace !== undefined && (typeof metadata.namespace !== 'string' || !LABEL.test(metadata.namespace) || metadata.namespace.length > 63)) {
      errs.push(invalid('metadata.namespace', metadata.namespace, `must be a DNS-1123 label (regex: ${NAME_LABEL_FMT})`));
    }
  } else if (metadata.namespace !== undefined) {
    errs.push(forbidden('metadata.namespace', `a ${kind} is cluster-wide and has no namespace`, 'remove metadata.namespace'));
  }
  errs.push(...validateLabels(Object.entries(metadata.labels ?? {}) as Array<[string, string]>, 'metadata.labels'));
  errs.push(...validateAnnotations(Object.entries(metadata.annotations ?? {}) as Array<[string, string]>, 'metadata.annotations'));
  if (kind === 'GlobalNetworkSet') {
    if (Object.prototype.hasOwnProperty.call(metadata.labels ?? {}, 'projectcalico.org/namespace')) {
      errs.push(invalid('metadata.labels', 'projectcalico.org/namespace', 'projectcalico.org/namespace is not a valid label name'));
    }
    (spec.nets ?? []).forEach((n: unknown, i: number) => {
      if (parseCidrOrIp(n) === undefined) errs.push(invalid(indexPath('spec.nets', i), n, 'must be a CIDR or an IP address'));
    });
    return errs;
  }
  errs.push(...validatePolicySpec(kind, spec, target.enterprise, target.minor, calicoEditionName(target)));
  return errs;
}

const NAME_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const NAME_SUBDOMAIN_FMT = `${NAME_LABEL_FMT}(\\.${NAME_LABEL_FMT})*`;
const LABEL = new RegExp(`^${NAME_LABEL_FMT}$`);
const SUBDOMAIN = new RegExp(`^${NAME_SUBDOMAIN_FMT}$`);
const NETWORK_POLICY_NAME = new RegExp(`^((${NAME_LABEL_FMT})|((?:knp|ossg)\\.default\\.(${NAME_SUBDOMAIN_FMT})))$`);
/** From 3.29 (tiers in Open Source) a policy name may carry one `<tier>.` prefix. */
const NETWORK_POLICY_NAME_3_29 = new RegExp(`^((${NAME_LABEL_FMT})(\\.${NAME_LABEL_FMT})?|((?:knp|ossg)\\.default\\.(${NAME_SUBDOMAIN_FMT})))$`);
const GLOBAL_POLICY_NAME_3_29 = new RegExp(`^(${NAME_LABEL_FMT}\\.)?${NAME_LABEL_FMT}$`);
const ACTIONS = ['Allow', 'Deny', 'Log', 'Pass'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'];
/** numorstring.Protocol.SupportsPorts (v3.27.3): UDPLite has no ports there. */
const PROTOCOLS_WITH_PORTS = ['TCP', 'UDP', 'SCTP'];

function validateName(kind: string, name: unknown, tier: unknown, minor: number): ValidationError[] {
  if (typeof name !== 'string' || name === '') return [required('metadata.name', 'name is required')];
  const errs: ValidationError[] = [];
  if (name.length > 253) errs.push(invalid('metadata.name', name, `name is too long by ${name.length - 253} bytes`));
  if (kind === 'GlobalNetworkSet') {
    if (!SUBDOMAIN.test(name)) errs.push(invalid('metadata.name', name, `name must consist of lower case alphanumeric characters, '-' or '.' (regex: ${NAME_SUBDOMAIN_FMT})`));
    return errs;
  }
  let ok: boolean;
  if (minor >= 29) {
    ok = (kind === 'NetworkPolicy' ? NETWORK_POLICY_NAME_3_29 : GLOBAL_POLICY_NAME_3_29).test(name);
  } else {
    ok = kind === 'NetworkPolicy' ? NETWORK_POLICY_NAME.test(name) : LABEL.test(name);
  }
  if (!ok) {
    errs.push(invalid('metadata.name', name, `name must consist of lower case alphanumeric characters or '-' (regex: ${NAME_LABEL_FMT})`,
      name.includes('.') ? `Calico policy names have no '.': try ${JSON.stringify(name.replace(/\./g, '-'))}` : undefined));
  }
  if (typeof tier === 'string' && tier !== 'default') {
    if (!LABEL.test(tier) || tier.length > 63) errs.push(invalid('spec.tier', tier, `a tier name is a DNS-1123 label (regex: ${NAME_LABEL_FMT})`));
    if (!name.startsWith(`${tier}.`)) errs.push(invalid('metadata.name', name, `a policy of tier '${tier}' is named '${tier}.<name>'`));
  }
  return errs;
}

function validatePolicySpec(kind: string, spec: any, enterprise: boolean, minor: number, edition: string): ValidationError[] {
  const errs: ValidationError[] = [];
  if (spec.order !== undefined && (typeof spec.order !== 'number' || !Number.isFinite(spec.order))) {
    errs.push(invalid('spec.order', spec.order, 'must be a number'));
  }
  if (spec.tier !== undefined && spec.tier !== 'default' && !enterprise && minor < 29) {
    errs.push(forbidden('spec.tier', `${edition} has no tiers (Calico Open Source has them from 3.29)`, 'remove the tier, or target Calico 3.29+ or Enterprise'));
  }
  errs.push(...validateSelector('spec.selector', spec.selector, false));
  if (kind === 'GlobalNetworkPolicy') errs.push(...validateSelector('spec.namespaceSelector', spec.namespaceSelector, false));
  const seen = new Set<string>();
  (spec.types ?? []).forEach((t: unknown, i: number) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(indexPath('spec.types', i), t, ['Ingress', 'Egress']));
    else if (seen.has(t)) errs.push(invalid('spec.types', t, `'${t}' type specified more than once`));
    seen.add(String(t));
  });
  for (const direction of ['ingress', 'egress']) {
    (spec[direction] ?? []).forEach((rule: any, i: number) => {
      errs.push(...validateRule(rule, indexPath(`spec.${direction}`, i), direction === 'egress', enterprise, edition));
    });
  }
  return errs;
}

function validateSelector(path: string, selector: unknown, entityNamespaceSelector: boolean): ValidationError[] {
  if (selector === undefined || selector === '') return [];
  if (typeof selector !== 'string') return [invalid(path, selector, 'a selector is a string')];
  try {
    parseCalicoSelector(selector);
  } catch (e) {
    return [invalid(path, selector, `not a valid Calico selector: ${(e as Error).message}`)];
  }
  if (selector.includes('global()')) {
    if (!entityNamespaceSelector) return [invalid(path, selector, 'global() can only be used in an EntityRule namespaceSelector')];
    if (/(&&|\|\|)\s*global\(\)|global\(\)\s*(&&|\|\|)/.test(selector)) return [invalid(path, selector, 'global() cannot be combined with other selectors')];
  }
  return [];
}

function validateRule(rule: any, path: string, egress: boolean, enterprise: boolean, edition: string): ValidationError[] {
  const errs: ValidationError[] = [];
  if (!ACTIONS.includes(rule.action)) errs.push(notSupported(childPath(path, 'action'), rule.action, ACTIONS));
  const protocol = rule.protocol;
  if (protocol !== undefined) {
    const ok = typeof protocol === 'number' ? Number.isInteger(protocol) && protocol >= 1 && protocol <= 255 : PROTOCOLS.includes(protocol);
    if (!ok) errs.push(invalid(childPath(path, 'protocol'), protocol, typeof protocol === 'number' ? 'protocol number invalid' : 'protocol name invalid'));
  }
  const supportsPorts = typeof protocol === 'string' ? PROTOCOLS_WITH_PORTS.includes(protocol) : typeof protocol === 'number' && [6, 17, 132].includes(protocol);
  let family: number | undefined;
  for (const side of ['source', 'destination']) {
    const entity = rule[side];
    if (entity === undefined) continue;
    const at = childPath(path, side);
    for (const field of ['ports', 'notPorts']) {
      const ports = entity[field] ?? [];
      if (ports.length > 0 && !supportsPorts) {
        errs.push(invalid(childPath(at, field), ports, 'protocol does not support ports', 'set protocol to TCP, UDP or SCTP'));
      }
      ports.forEach((p: unknown, j: number) => errs.push(...validatePortValue(p, indexPath(childPath(at, field), j))));
    }
    errs.push(...validateSelector(childPath(at, 'selector'), entity.selector, false));
    errs.push(...validateSelector(childPath(at, 'notSelector'), entity.notSelector, false));
    errs.push(...validateSelector(childPath(at, 'namespaceSelector'), entity.namespaceSelector, true));
    for (const field of ['nets', 'notNets']) {
      const nets: unknown[] = entity[field] ?? [];
      nets.forEach((n, j) => {
        const at2 = indexPath(childPath(at, field), j);
        // The field check takes an IP alone, but validateRule parses each entry as a CIDR: a rule needs the prefix.
        const parsed = typeof n === 'string' && n.includes('/') ? parseCidrOrIp(n) : undefined;
        if (parsed === undefined) {
          errs.push(invalid(at2, n, 'invalid CIDR', typeof n === 'string' && parseCidrOrIp(n) ? `write ${n}/${n.includes(':') ? 128 : 32}` : undefined));
          return;
        }
        if (parsed.network !== parsed.address) {
          errs.push(invalid(at2, n, 'the network has host bits set', `write ${maskedCidrString(parsed)}`));
        }
        if (family !== undefined && family !== parsed.family) errs.push(invalid(at2, n, 'rule contains both IPv4 and IPv6 CIDRs'));
        family = family ?? parsed.family;
      });
    }
    if (entity.domains !== undefined) {
      if (!enterprise) {
        errs.push(forbidden(childPath(at, 'domains'), `${edition} has no domain names in rules (Calico Enterprise and Cloud only)`, 'allow the addresses instead (nets), or target Calico Enterprise'));
      } else if (!egress || side !== 'destination') {
        errs.push(forbidden(childPath(at, 'domains'), 'domains are allowed only in the destination of egress rules'));
      } else if (entity.selector !== undefined || entity.nets !== undefined || entity.namespaceSelector !== undefined) {
        errs.push(forbidden(childPath(at, 'domains'), 'domains cannot be combined with selector, namespaceSelector or nets in one rule'));
      }
    }
  }
  return errs;
}

function validatePortValue(port: unknown, path: string): ValidationError[] {
  if (typeof port === 'number') {
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [invalid(path, port, 'port range invalid, port number must be between 1 and 65535')];
  }
  if (typeof port !== 'string') return [invalid(path, port, 'a port is a number, "min:max" or a name')];
  if (/^\d+$/.test(port)) return validatePortValue(Number(port), path);
  const range = /^(\d+):(\d+)$/.exec(port);
  if (range) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    if (min < 1 || max < 1 || min > 65535 || max > 65535) return [invalid(path, port, 'port range invalid, port number must be between 1 and 65535')];
    if (min > max) return [invalid(path, port, 'port range invalid', 'the first port must not exceed the last')];
    return [];
  }
  const problems = isValidPortName(port);
  if (!SUBDOMAIN.test(port) || problems.length > 0) {
    return [invalid(path, port, `invalid name for named port (${port})${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`)];
  }
  return [];
}

/** `cnet.ParseCIDROrIP`: a CIDR, or an IP taken as its /32 or /128. */
function parseCidrOrIp(value: unknown): ParsedCidr | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.includes('/')) return strictGoCidr(value);
  return strictGoCidr(`${value}/${value.includes(':') ? 128 : 32}`);
}

/** Calico is built with Go >= 1.17, whose net.ParseCIDR refuses IPv4 octets with leading zeros. */
function strictGoCidr(text: string): ParsedCidr | undefined {
  const parsed = parseCidrSloppy(text);
  if (parsed === undefined) return undefined;
  const address = text.slice(0, text.indexOf('/'));
  const v4 = address.slice(address.lastIndexOf(':') + 1);
  if (v4.includes('.') && v4.split('.').some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  return parsed;
}
