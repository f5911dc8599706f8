export * from './validation-error';
export * from './validate-network-policy';
