export * from './admin-api';
export * from './emit-admin-policy';
export * from './validate-admin-policy';
export * from './parse-admin-policy';
