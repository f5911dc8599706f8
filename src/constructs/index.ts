export * from './pods';
export * from './network-policy';
