export * from './feature';
export * from './support-level';
export * from './feature-support';
export * from './cni-profile';
export * from './cni';
