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

  // jsii bindings, built by `npx projen package-all` (jsii-pacmak) into dist/ and tested by .ci/bindings.
  // No .NET target: it needs the .NET SDK, which neither Debian 12's packages nor the other registries
  // this project can use provide, so it could be neither built nor tested here.
  publishToPypi: { distName: 'cdk8s-netpol', module: 'cdk8s_netpol' },
  publishToMaven: { javaPackage: 'org.cdk8s.netpol', mavenGroupId: 'org.cdk8s.netpol', mavenArtifactId: 'cdk8s-netpol' },
  // Go module example.invalid/cdk8s-netpol-go, package cdk8snetpol (the repository URL is a placeholder too).
  publishToGo: { moduleName: 'example.invalid/cdk8s-netpol-go' },

  peerDeps: ['cdk8s-plus-29@^2.6.0'],
  // The CLI reads YAML; bundled so that users of the library get no extra runtime dependency to install.
  bundledDeps: [
    'yaml@^2.6.0',
    // Graphviz compiled to WebAssembly (CommonJS build, no system Graphviz): lays out the SVG of the
    // connectivity graph. Loaded lazily, in a worker, only when an SVG or HTML report is asked for;
    // no exported type mentions it. Chosen over @hpcc-js/wasm-graphviz (ESM only) and elkjs (10x slower,
    // no SVG): see docs/report.md.
    '@viz-js/viz@^3.31.0',
    // The CLI reads a live cluster through the Kubernetes client (loaded only by the CLI, in a child process:
    // see src/cli/cluster-source.ts); no exported type mentions it. 1.x: 2.x needs node 22.
    '@kubernetes/client-node@~1.4.0',
  ],
  devDeps: [
    'cdk8s-cli@^2.207.0',
    // The SARIF test validates against the 2.1.0 schema (draft-07) with ajv 6.
    'ajv@^6.12.6',
    'fast-check@^4.3.0',
    'kubernetes-models@4.5.1',
    // The report's browser test drives Debian's chromium (never downloads a browser; 24.x: 25 is ESM
    // only, which ts-jest on node 20 cannot load) and checks that
    // the Mermaid output parses with mermaid itself.
    'puppeteer-core@^24.43.1',
    'mermaid@^12.3.0',
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
  gitignore: ['/.lab-cache/', 'cdk8s.out/', 'examples/cdk8s.out/', 'bench/results/*.tmp', '.jsii.tabl.json',
    'examples/python/dist/', 'examples/go/dist/', 'examples/java/target/', '__pycache__/', '.pytest_cache/'],
});

// The package carries the built library, its .jsii, the CLI, the lab's Go sources (`cdk8s-netpol lab` builds
// them) and the docs; not the examples, benchmarks, CI scripts, generators or the validation oracle.
for (const pattern of ['/examples/', '/bench/', '/.ci/', '/.lab-cache/', '/tools/', '/scripts/', '/docs/API.python.md']) {
  project.addPackageIgnore(pattern);
}

// The API reference in Python too (jsii-rosetta translates the signatures and examples); `npx projen docgen`
// writes both, and .ci/bindings checks that they are current.
project.tasks.tryFind('docgen')!.exec('jsii-docgen -l python -o docs/API.python.md');

// The Go module proxy these machines reach refuses cdk8s's and cdk8s-plus-29's Go modules (403), and Maven
// Central here does not serve their Java packages: package:go and package:java build them beside ours,
// from their npm packages (the versions we are tested with), into dist/go and dist/java. Publishing to
// registries that serve them would package `.` alone.
for (const language of ['go', 'java']) {
  project.tasks.tryFind(`package:${language}`)!
    .reset(`jsii-pacmak -v --target ${language} --outdir dist node_modules/cdk8s node_modules/cdk8s-plus-29 .`);
}

const synthExamples = project.addTask('synth:examples', {
  description: 'Synthesize the examples app into examples/cdk8s.out with cdk8s synth',
  cwd: 'examples',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  exec: 'npx cdk8s synth',
});

// The examples' HTML reports: the shop with its neighbours, the article's policies as written (on
// workloads of our own, examples/article-workloads.yaml), and one article policy against its fix.
const OUT = 'examples/cdk8s.out';
const ARTICLE_EXTERNALS = '--external 192.168.7.7 --external 8.8.8.8';
const exampleReports = project.addTask('examples:reports', {
  description: 'Synthesize the examples and write their HTML reports into examples/cdk8s.out/reports',
});
exampleReports.spawn(project.compileTask);
exampleReports.spawn(synthExamples);
exampleReports.exec(`mkdir -p ${OUT}/reports`);
exampleReports.exec(`node bin/cdk8s-netpol report -o ${OUT}/reports/shop.html --cni k3s --external 198.51.100.10 --external 203.0.113.10 --title "The shop" ${OUT}/shop.k8s.yaml ${OUT}/shop-neighbour-dns.k8s.yaml ${OUT}/shop-neighbour-frontend.k8s.yaml`);
exampleReports.exec(`node bin/cdk8s-netpol report -o ${OUT}/reports/article.html --cni k3s ${ARTICLE_EXTERNALS} --title "The article's policies, as written" examples/article-workloads.yaml $(ls ${OUT}/article-*.k8s.yaml | grep -v -- -fixed)`);
exampleReports.exec(`node bin/cdk8s-netpol report -o ${OUT}/reports/article-restrict-db-communication-diff.html --cni k3s ${ARTICLE_EXTERNALS} --title "restrict-db-communication: as written, then fixed" --before examples/article-workloads.yaml --before ${OUT}/article-restrict-db-communication.k8s.yaml examples/article-workloads.yaml ${OUT}/article-restrict-db-communication-fixed.k8s.yaml`);

const screenshot = project.addTask('docs:screenshot', {
  description: 'Regenerate the README\'s screenshot of the shop\'s report (docs/images/shop-report.png) in headless Chromium',
});
screenshot.spawn(exampleReports);
screenshot.exec(`node tools/report-screenshot.js ${OUT}/reports/shop.html docs/images/shop-report.png`);

// The CLI tests run bin/cdk8s-netpol, which loads the compiled lib/: compile before testing.
project.testTask.prependSpawn(project.compileTask);
// ts-jest only transpiles (isolatedModules): type-check the tests themselves.
project.testTask.spawn(project.addTask('typecheck:test', {
  description: 'Type-check the tests, examples and benchmarks',
  exec: 'tsc --noEmit -p test/tsconfig.json',
}));

// The lab (src/lab, labgo/): real API server and kube-router on this machine; Linux and root only.
// Not part of `npm test` (it needs root and minutes); CI runs it after the unit tests (.ci/run).
project.addTask('test:lab', {
  description: 'The lab tests: policies enforced by kube-apiserver + kube-router (or kube-network-policies; Calico felix with CALICO_SRC) in network namespaces, compared with the analysis (Linux, root; builds labgo/ on first use)',
  env: { JEST_JUNIT_OUTPUT_DIR: 'test-reports/lab' },
  exec: 'jest --runInBand --testMatch "<rootDir>/test/lab/**/*.lab.ts" --testTimeout 600000',
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Benchmarks: synthesis, validation, analysis (see bench/README.md); not part of the tests',
  exec: 'node bench/run.js',
  receiveArgs: true,
});
project.setScript('bench', 'npx projen bench');

project.synth();
