import { requireString } from './argument-checks';

/**
 * A DNS name that egress may reach, for the dialects that filter by name (Cilium `toFQDNs`,
 * Calico Enterprise `domains`). Kubernetes `networking.k8s.io/v1` NetworkPolicy has no such peer.
 *
 * Names are stored in lower case without a trailing dot. The meaning of each factory is fixed here
 * (`*` differs between dialects: one label in Cilium, one or more in Calico), and a dialect that
 * cannot say it refuses it, naming the form to use instead.
 */
export class DomainName {
  /** Exactly this name, such as `api.example.com`. */
  public static exact(name: string): DomainName {
    const text = normalize('DomainName.exact(name)', name);
    if (text.includes('*')) throw new Error(`DomainName.exact(name): '${name}' holds '*'; use DomainName.pattern('${name}') or DomainName.subdomains(...)`);
    const problem = nameProblem(text);
    if (problem) throw new Error(`DomainName.exact(name): '${name}' is not a DNS name: ${problem}`);
    return new DomainName(text, false, false);
  }

  /**
   * A pattern in which `*` stands for any characters within one label, never a dot:
   * `*.example.com` is `a.example.com` but not `a.b.example.com`, `api-*.example.com` is
   * `api-eu.example.com`. This is Cilium's `matchPattern`; Calico's `*` means one or more labels,
   * so Calico refuses patterns (use `exact` or `subdomains` there).
   */
  public static pattern(pattern: string): DomainName {
    const text = normalize('DomainName.pattern(pattern)', pattern);
    if (!text.includes('*')) throw new Error(`DomainName.pattern(pattern): '${pattern}' has no '*'; use DomainName.exact('${pattern}')`);
    if (text.split('.').every((l) => l === '*')) {
      throw new Error(`DomainName.pattern(pattern): '${pattern}' matches names of any domain: allow the addresses you mean instead (RestrictEgressToCidr, or Peer.anywhere())`);
    }
    const problem = nameProblem(text.replace(/\*/g, 'x'));
    if (problem) throw new Error(`DomainName.pattern(pattern): '${pattern}' is not a DNS name pattern: ${problem}`);
    return new DomainName(text, true, false);
  }

  /**
   * Every name below `name`, at any depth (`a.example.com`, `a.b.example.com`), not `name` itself.
   * Calico writes it `*.example.com`; Cilium `**.example.com` (from 1.20 as checked here).
   */
  public static subdomains(name: string): DomainName {
    const text = normalize('DomainName.subdomains(name)', name);
    if (text.includes('*')) throw new Error('DomainName.subdomains(name): give the parent name without \'*\', such as \'example.com\'');
    const problem = nameProblem(text);
    if (problem) throw new Error(`DomainName.subdomains(name): '${name}' is not a DNS name: ${problem}`);
    if (!text.includes('.')) throw new Error(`DomainName.subdomains(name): '${name}' is a top-level domain: every name under it is too wide; name the domain`);
    return new DomainName(text, true, true);
  }

  /** The name, the pattern, or for `subdomains` the parent name; lower case, without a trailing dot. */
  public readonly name: string;
  /** Whether more than one name matches (`pattern` or `subdomains`). */
  public readonly isWildcard: boolean;
  /** Whether this is `subdomains(name)`: every name below `name`. */
  public readonly isSubdomains: boolean;

  private constructor(name: string, isWildcard: boolean, isSubdomains: boolean) {
    this.name = name;
    this.isWildcard = isWildcard;
    this.isSubdomains = isSubdomains;
  }

  /** `api.example.com`, `*.example.com` (a pattern), or `every subdomain of example.com`. */
  public toString(): string {
    return this.isSubdomains ? `every subdomain of ${this.name}` : this.name;
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
