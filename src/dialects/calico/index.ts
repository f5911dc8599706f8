export * from './calico-options';
export * from './calico-selector';
export * from './emit-calico';
export * from './validate-calico';
