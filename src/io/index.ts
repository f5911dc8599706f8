export * from './input-error';
export * from './manifest-document';
export * from './object-identity';
export * from './manifest-files';
export * from './parse-manifests';
export * from './read-manifests';
export * from './read-input';
