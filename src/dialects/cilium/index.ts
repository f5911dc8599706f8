export * from './cilium-options';
export * from './emit-cilium';
export * from './validate-cilium';
