export * from './pods';
export * from './network-policy';
export * from './cluster-policy-object';
export * from './cluster-wide-policy';
export * from './admin-network-policy';
export * from './baseline-admin-network-policy';
export * from './cluster-network-policy';
