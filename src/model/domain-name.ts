import { requireString } from './argument-checks';

/**
 * A DNS name that egress may reach, for the dialects that filter by name (Cilium `toFQDNs`,
 * Calico Enterprise `domains`). Kubernetes `networking.k8s.io/v1` NetworkPolicy has no such peer.
 *
 * Names are stored in lower case without a trailing dot. A wildcard name holds `*`; what `*`
 * matches differs between dialects, so each dialect refuses a pattern whose meaning would change
 * (see `DomainName.wildcard`).
 */
export class DomainName {
  /** Exactly this name, such as `api.example.com`. */
  public static exact(name: string): DomainName {
    const text = normalize('DomainName.exact(name)', name);
    if (text.includes('*')) throw new Error(`DomainName.exact(name): '${name}' holds '*'; use DomainName.wildcard('${name}') for a pattern`);
    const problem = nameProblem(text);
    if (problem) throw new Error(`DomainName.exact(name): '${name}' is not a DNS name: ${problem}`);
    return new DomainName(text, false);
  }

  /**
   * A pattern with `*`, such as `*.example.com`. The only form every dialect reads alike is a
   * leading `*.` label over a plain name; there Cilium's `*` stands for exactly one label while
   * Calico's stands for one or more, so each dialect says which it accepts.
   */
  public static wildcard(pattern: string): DomainName {
    const text = normalize('DomainName.wildcard(pattern)', pattern);
    if (!text.includes('*')) throw new Error(`DomainName.wildcard(pattern): '${pattern}' has no '*'; use DomainName.exact('${pattern}')`);
    if (text === '*') throw new Error("DomainName.wildcard(pattern): '*' alone is every name: allow the addresses you mean instead (Peer.anywhere() or RestrictEgressToCidr)");
    const problem = nameProblem(text.replace(/\*/g, 'x'));
    if (problem) throw new Error(`DomainName.wildcard(pattern): '${pattern}' is not a DNS name pattern: ${problem}`);
    return new DomainName(text, true);
  }

  /** The name or pattern, lower case, without a trailing dot. */
  public readonly name: string;
  /** Whether it holds `*`. */
  public readonly isWildcard: boolean;

  private constructor(name: string, isWildcard: boolean) {
    this.name = name;
    this.isWildcard = isWildcard;
  }

  /**
   * Whether the pattern is `*.` followed by a name without `*` (the one wildcard form whose
   * meaning is only a matter of how many labels `*` stands for).
   */
  public get isLeadingLabelWildcard(): boolean {
    return this.isWildcard && this.name.startsWith('*.') && !this.name.slice(2).includes('*');
  }

  /** The name. */
  public toString(): string {
    return this.name;
  }
}

function normalize(call: string, value: string): string {
  const text = requireString(call, 'name', value).trim().toLowerCase();
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** Why a name is not a DNS name (RFC 1123 labels of letters, digits and '-', 253 characters at most). */
function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 253) return 'it is longer than 253 characters';
  for (const label of name.split('.')) {
    if (label.length === 0) return 'it has an empty label (two dots in a row, or a leading dot)';
    if (label.length > 63) return `the label '${label}' is longer than 63 characters`;
    if (!/^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?$/.test(label)) return `the label '${label}' is not letters, digits and inner '-'`;
  }
  return undefined;
}
