import { ParsedCidr, isStrictSubset, maskedCidrString, parseCidrSloppy, parseIpSloppy, strictCidrProblem, StrictCidrProblem } from '../cidr';
import { DecodedIpBlock } from './decoded-network-policy';
import { invalid, required } from './field-error';
import { childPath, indexPath } from './field-path';
import { ValidationError } from './validation-error';

/**
 * `ValidateIPBlock`.
 *
 * - Legacy (Kubernetes 1.29, and later releases without StrictIPCIDRValidation as far as the
 *   verdict goes): `cidr` and each `except` must parse with `ParseCIDRSloppy` ("not a valid
 *   CIDR"); as in 1.29's code, the first unparsable except ends the check of the block.
 * - Strict (Kubernetes 1.36+ default): `IsValidCIDRForLegacyField` with strict validation also
 *   rejects leading zeros, IPv4-mapped IPv6 and host bits; an unparsable except is skipped and the
 *   next one is checked.
 *
 * In both, each parsable except must be a strict subset of `cidr` (Go `IPNet.Contains` of the
 * except's network address, and a longer prefix).
 */
export function validateIpBlock(block: DecodedIpBlock, path: string, strict: boolean): ValidationError[] {
  const errs: ValidationError[] = [];
  const cidrPath = childPath(path, 'cidr');
  if (block.cidr === '') {
    errs.push(required(cidrPath, '', 'a CIDR such as 10.0.0.0/16; use 0.0.0.0/0 for every IPv4 address'));
    return errs;
  }
  const cidr = parseCidrSloppy(block.cidr);
  if (strict) errs.push(...strictCidrErrors(cidrPath, block.cidr));
  else if (cidr === undefined) errs.push(invalid(cidrPath, block.cidr, 'not a valid CIDR', unparsableHint(block.cidr)));
  if (cidr === undefined) return errs;

  for (let k = 0; k < block.except.length; k++) {
    const text = block.except[k];
    const exceptPath = indexPath(childPath(path, 'except'), k);
    const except = parseCidrSloppy(text);
    if (strict) {
      errs.push(...strictCidrErrors(exceptPath, text));
      if (except === undefined) continue;
    } else if (except === undefined) {
      errs.push(invalid(exceptPath, text, 'not a valid CIDR', unparsableHint(text)));
      return errs;
    }
    if (!isStrictSubset(cidr, except)) {
      errs.push(invalid(exceptPath, text, 'must be a strict subset of `cidr`', subsetHint(cidr, except, block.cidr)));
    }
  }
  return errs;
}

/** apimachinery `IsValidCIDRForLegacyField(..., strictValidation=true)`, with upstream's details. */
function strictCidrErrors(path: string, text: string): ValidationError[] {
  switch (strictCidrProblem(text)) {
    case undefined:
      return [];
    case StrictCidrProblem.UNPARSABLE:
      return [invalid(path, text, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)', unparsableHint(text))];
    case StrictCidrProblem.LEADING_ZEROS:
      return [invalid(path, text, 'must not have leading 0s in IP or prefix length', fixedHint(text))];
    case StrictCidrProblem.IPV4_MAPPED:
      return [invalid(path, text, 'must not have an IPv4-mapped IPv6 address', fixedHint(text))];
    case StrictCidrProblem.HOST_BITS:
      return [invalid(path, text, 'must not have bits set beyond the prefix length', fixedHint(text))];
  }
}

/** `did you mean <the network as Go prints it>?` */
function fixedHint(text: string): string | undefined {
  const parsed = parseCidrSloppy(text);
  if (parsed === undefined) return undefined;
  const masked = maskedCidrString(parsed);
  return masked !== text ? `did you mean ${masked}?` : undefined;
}

function unparsableHint(text: string): string | undefined {
  const ip = parseIpSloppy(text);
  if (ip !== undefined) return `a CIDR needs a prefix length: did you mean ${text}/${ip.family === 4 ? 32 : 128}?`;
  const trimmed = text.trim();
  if (trimmed !== text && parseCidrSloppy(trimmed) !== undefined) return `remove the spaces: ${JSON.stringify(trimmed)}`;
  return undefined;
}

function subsetHint(cidr: ParsedCidr, except: ParsedCidr, cidrText: string): string {
  if (cidr.family !== except.family) return `\`cidr\` ${cidrText} is IPv${cidr.family} and the except is IPv${except.family}`;
  if (except.prefixLength === cidr.prefixLength && except.network === cidr.network) return `the except equals \`cidr\` ${cidrText} and would leave nothing`;
  if (except.prefixLength <= cidr.prefixLength) return `the except is not smaller than \`cidr\` ${cidrText}`;
  return `the except lies outside \`cidr\` ${cidrText}`;
}
