import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-netpol',
  description: 'Typed, validated and analysable Kubernetes NetworkPolicies for cdk8s',
  author: 'cdk8s-netpol developers',
  authorAddress: 'dev@cdk8s-netpol.invalid',
  repositoryUrl: 'https://example.invalid/cdk8s-netpol.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kubernetes', 'networkpolicy', 'security'],

  // Versions verified on these machines (see DEVELOPERS notes in the issues).
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  minNodeVersion: '20.16.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,

  peerDeps: ['cdk8s-plus-29@^2.6.0'],
  // The CLI reads YAML; bundled so that users of the library get no extra runtime dependency to install.
  // The CLI reads a live cluster through the Kubernetes client (loaded only by the CLI, in a child process: see
  // src/cli/cluster-source.ts); bundled, as jsii wants every non-jsii runtime dependency. 1.x: 2.x needs node 22.
  bundledDeps: ['yaml@^2.6.0', '@kubernetes/client-node@~1.4.0'],
  devDeps: [
    'cdk8s-cli@^2.207.0',
    // The SARIF test validates against the 2.1.0 schema (draft-07) with ajv 6.
    'ajv@^6.12.6',
    'fast-check@^4.3.0',
    'kubernetes-models@4.5.1',
  ],

  jestOptions: {
    // Without this projen's test task passes `--updateSnapshot`, and a snapshot could never fail.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A test match that finds nothing is a broken test match, not a pass.
    passWithNoTests: false,
    jestConfig: {
      collectCoverage: false,
      testTimeout: 60_000,
      // Property tests run with a fixed seed (printed on failure; FC_SEED overrides it).
      setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],
    },
  },
  bin: { 'cdk8s-netpol': 'bin/cdk8s-netpol' },
  gitignore: ['cdk8s.out/', 'examples/cdk8s.out/', 'bench/results/*.tmp', '.jsii.tabl.json'],
});

for (const pattern of ['/examples/', '/bench/', '/.ci/']) project.addPackageIgnore(pattern);

project.addTask('synth:examples', {
  description: 'Synthesize the examples app into examples/cdk8s.out with cdk8s synth',
  cwd: 'examples',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  exec: 'npx cdk8s synth',
});

// The CLI tests run bin/cdk8s-netpol, which loads the compiled lib/: compile before testing.
project.testTask.prependSpawn(project.compileTask);
// ts-jest only transpiles (isolatedModules): type-check the tests themselves.
project.testTask.spawn(project.addTask('typecheck:test', {
  description: 'Type-check the tests, examples and benchmarks',
  exec: 'tsc --noEmit -p test/tsconfig.json',
}));

project.addTask('bench', {
  description: 'Benchmarks: synthesis, validation, analysis (see bench/README.md); not part of the tests',
  exec: 'node bench/run.js',
  receiveArgs: true,
});
project.setScript('bench', 'npx projen bench');

project.synth();
