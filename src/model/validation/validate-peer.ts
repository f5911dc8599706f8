import { DecodedPeer } from './decoded-network-policy';
import { forbidden, required } from './field-error';
import { childPath } from './field-path';
import { validateIpBlock } from './validate-ip-block';
import { validateLabelSelector } from './validate-label-selector';
import { ValidationError } from './validation-error';

/**
 * `ValidateNetworkPolicyPeer`: at least one of podSelector, namespaceSelector, ipBlock (an empty
 * `{}` selector counts), and ipBlock alone. podSelector with namespaceSelector is one AND peer.
 */
export function validatePeer(peer: DecodedPeer, path: string, strictCidr: boolean): ValidationError[] {
  const errs: ValidationError[] = [];
  let kinds = 0;
  if (peer.podSelector !== undefined) {
    kinds++;
    errs.push(...validateLabelSelector(peer.podSelector, childPath(path, 'podSelector')));
  }
  if (peer.namespaceSelector !== undefined) {
    kinds++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, childPath(path, 'namespaceSelector')));
  }
  if (peer.ipBlock !== undefined) {
    kinds++;
    errs.push(...validateIpBlock(peer.ipBlock, childPath(path, 'ipBlock'), strictCidr));
  }
  if (kinds === 0) {
    errs.push(required(path, 'must specify a peer', 'to allow every peer leave the whole list out; `podSelector: {}` is every pod of the namespace'));
  } else if (kinds > 1 && peer.ipBlock !== undefined) {
    errs.push(forbidden(path, 'may not specify both ipBlock and another peer', 'write the ipBlock and the selectors as separate peers'));
  }
  return errs;
}
