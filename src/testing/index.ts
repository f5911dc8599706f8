// Jest matchers for TypeScript users: `import 'cdk8s-netpol/lib/testing';` in a test (or a jest
// setupFilesAfterEach file). Not exported from the package root, since jsii cannot export jest types.
export * from './reachability-matchers';
