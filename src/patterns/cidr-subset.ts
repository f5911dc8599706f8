/**
 * The API server's check that an `except` is a strict subset of its `cidr` (Kubernetes
 * `ValidateIPBlock`), worded for the pattern constructs, which refuse a bad except at construction
 * with the construct's path. Parsing and containment are the model's (`src/model/cidr.ts`), so the
 * verdict is the API server's. Input that does not parse is left to the NetworkPolicy's synth
 * validation, which reports it with its field path.
 *
 * Internal: not part of the jsii API.
 */
import { cidrContains, isStrictSubset, networkIp, parseCidrSloppy, parseIpSloppy } from '../model/cidr';

/** Whether a text is an IP address or a CIDR, and its family; undefined when it is neither. */
export function addressFamily(text: string): { family: 4 | 6; isCidr: boolean } | undefined {
  if (text.includes('/')) {
    const cidr = parseCidrSloppy(text);
    return cidr === undefined ? undefined : { family: cidr.family, isCidr: true };
  }
  const ip = parseIpSloppy(text);
  return ip === undefined ? undefined : { family: ip.family, isCidr: false };
}

/**
 * Why `except` is not a strict subset of `cidr`, or undefined when it is (or when either does not
 * parse, which the synth validation reports).
 */
export function exceptProblem(cidr: string, except: string): string | undefined {
  const outer = parseCidrSloppy(cidr);
  const inner = parseCidrSloppy(except);
  if (outer === undefined || inner === undefined) return undefined;
  if (isStrictSubset(outer, inner)) return undefined;
  if (!cidrContains(outer, networkIp(inner))) {
    return outer.family === inner.family ? `'${except}' is outside '${cidr}'` : `'${except}' is not of the same IP family as '${cidr}'`;
  }
  return `'${except}' is not smaller than '${cidr}' (an except must be a strict subset)`;
}
