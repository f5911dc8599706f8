export * from './pods';
export * from './network-policy';
export * from './calico-network-set';
export * from './calico-network-policy';
export * from './calico-output';
export * from './cilium-output';
