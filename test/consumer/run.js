#!/usr/bin/env node
'use strict';
// The consumer test (run by .ci/run, not jest): pack the library as it would be published, create a new
// project outside the repository with exactly the README's "Use it in your project" commands, files and
// versions, synthesize it with `npx cdk8s synth`, and run the installed `cdk8s-netpol` command on the output.
// Prints one line per check and "consumer: N passed, N failed"; exits 1 when a check failed.
// KEEP_CONSUMER_PROJECT=1 keeps the temporary folder for a look.

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');
const { readConsumerProject, TARBALL_PLACEHOLDER } = require('./readme-project');

const root = path.join(__dirname, '..', '..');
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '1' };
let passed = 0;
let failed = 0;

/** Runs a command line in bash; returns its exit code and output. */
function sh(command, cwd) {
  const result = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status === null ? -1 : result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One named check: passes when `body` returns without throwing; a failure prints why. */
function check(name, body) {
  try {
    body();
    passed++;
    console.log(`ok   ${name}`);
    return true;
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${String(error && error.message ? error.message : error).replace(/^/gm, '     ')}`);
    return false;
  }
}

function expectExit(result, code, what) {
  if (result.status !== code) {
    throw new Error(`${what}: exit ${result.status}, expected ${code}\n${result.stdout}${result.stderr}`.slice(0, 6000));
  }
}

function finish() {
  console.log(`consumer: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-consumer-'));
process.on('exit', () => {
  if (process.env.KEEP_CONSUMER_PROJECT) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
});

let project;
check('the README section reads into a project (install commands, files, run commands)', () => {
  project = readConsumerProject(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  for (const name of ['cdk8s.yaml', 'tsconfig.json', 'main.ts']) {
    if (project.files[name] === undefined) throw new Error(`no ${name} block`);
  }
  const placeholders = project.setupCommands.join('\n').split(TARBALL_PLACEHOLDER).length - 1;
  if (placeholders !== 1) throw new Error(`the install commands name ${TARBALL_PLACEHOLDER} ${placeholders} times, expected once`);
});
if (!project) finish();

// Build as a clone would (`npx projen compile`), then pack.
let tarball;
const built = check('compile and npm pack', () => {
  expectExit(sh('npx projen compile', root), 0, 'npx projen compile');
  const pack = sh(`npm pack --silent --pack-destination "${work}"`, root);
  expectExit(pack, 0, 'npm pack');
  tarball = path.join(work, pack.stdout.trim().split('\n').pop());
  if (!fs.existsSync(tarball)) throw new Error(`npm pack wrote no ${tarball}`);
});
if (!built) finish();

check('the tarball carries what a consumer needs and nothing else', () => {
  const list = sh(`tar tzf "${tarball}"`, work);
  expectExit(list, 0, 'tar tzf');
  const files = list.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  const needed = ['package.json', 'README.md', 'LICENSE', '.jsii', 'bin/cdk8s-netpol', 'lib/index.js', 'lib/index.d.ts',
    'lib/cli/main.js', 'lib/testing/index.js', 'node_modules/yaml/package.json'];
  const missing = needed.filter((f) => !files.includes(f));
  // Only the built library, its bundled dependencies, the lab's Go sources (`cdk8s-netpol lab` builds them),
  // the docs the README links and the package's own files.
  // npm bundles the dependencies of bundled dependencies too: the closure, read from node_modules.
  const bundled = [];
  const queue = [...(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bundledDependencies || [])];
  while (queue.length > 0) {
    const name = queue.shift();
    if (bundled.includes(name)) continue;
    bundled.push(name);
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      queue.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
    }
  }
  const allowed = /^(lib\/.*\.(js|d\.ts)|labgo\/(knp\/(crds\/)?)?[\w.-]+|docs\/[\w-]+\.md|docs\/images\/[\w-]+\.png|bin\/cdk8s-netpol|package\.json|README\.md|LICENSE|API\.md|\.jsii)$/;
  const unexpected = files.filter((f) => !allowed.test(f) && !bundled.some((name) => f.startsWith(`node_modules/${name}/`)));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(`missing: ${missing.join(', ') || 'none'}\nnot for consumers: ${unexpected.slice(0, 30).join(', ') || 'none'}`);
  }
});

// The README's commands, as written, with the packed file where the README says path/to/...tgz.
let projectDir;
const installed = check(`the README's install commands: ${project.setupCommands.length} commands`, () => {
  const script = ['set -euo pipefail', ...project.setupCommands.map((c) => c.split(TARBALL_PLACEHOLDER).join(tarball)),
    `pwd > "${path.join(work, 'project-dir')}"`].join('\n');
  expectExit(sh(script, work), 0, 'install commands');
  projectDir = fs.readFileSync(path.join(work, 'project-dir'), 'utf8').trim();
  for (const [name, text] of Object.entries(project.files)) fs.writeFileSync(path.join(projectDir, name), text);
});
if (!installed) finish();

const installedVersion = (name) => JSON.parse(fs.readFileSync(path.join(projectDir, 'node_modules', name, 'package.json'), 'utf8')).version;
check('the installed versions are the supported ones (TypeScript 6, cdk8s 2, constructs 10, cdk8s-plus-29 2)', () => {
  const majors = { 'typescript': '6', 'cdk8s': '2', 'constructs': '10', 'cdk8s-plus-29': '2', 'cdk8s-cli': '2', 'ts-node': '10' };
  const wrong = Object.entries(majors).filter(([name, major]) => installedVersion(name).split('.')[0] !== major)
    .map(([name, major]) => `${name} ${installedVersion(name)} (expected ${major}.x)`);
  if (wrong.length > 0) throw new Error(wrong.join('\n'));
});

check('the installed package has no sources, tests, benchmarks or tools', () => {
  const present = ['src', 'test', 'bench', 'tools', 'examples', '.ci', 'tsconfig.json']
    .filter((entry) => fs.existsSync(path.join(projectDir, 'node_modules', 'cdk8s-netpol', entry)));
  if (present.length > 0) throw new Error(`node_modules/cdk8s-netpol has ${present.join(', ')}`);
});

check('main.ts type-checks with the README\'s tsconfig.json (npx tsc --noEmit)', () => {
  expectExit(sh('npx tsc --noEmit', projectDir), 0, 'npx tsc --noEmit');
});

const outputs = {};
for (const command of project.runCommands) {
  check(`README: ${command}`, () => {
    const result = sh(command, projectDir);
    expectExit(result, 0, command);
    outputs[command] = result.stdout;
  });
}

const manifests = (dir) => fs.readdirSync(path.join(projectDir, dir)).filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(projectDir, dir, f), 'utf8')).map((d) => d.toJSON()));

check('the synthesized policies are the ones main.ts declares', () => {
  const policies = manifests('dist').filter((m) => m && m.kind === 'NetworkPolicy')
    .map((m) => `${m.metadata.namespace}/${m.metadata.name} ${m.spec.policyTypes.join('+')}`).sort();
  const expected = ['batch/default-deny Ingress+Egress', 'shop/shop-db Ingress+Egress',
    'shop/shop-default-deny Ingress+Egress', 'shop/shop-web Ingress+Egress'];
  if (JSON.stringify(policies) !== JSON.stringify(expected)) throw new Error(`got ${policies.join(', ')}`);
});

check('the installed CLI answers on the output: web reaches db on 5432 and nothing else flows', () => {
  const analysis = sh('npx cdk8s-netpol analyze --output json dist/', projectDir);
  expectExit(analysis, 0, 'analyze --output json');
  const { complete, connections } = JSON.parse(analysis.stdout);
  if (complete !== true) throw new Error('the analysis says it is incomplete');
  const allowed = connections.filter((c) => Object.values(c.allowed).some((ranges) => ranges.length > 0))
    .map((c) => `${c.from.replace(/-c8\w+\[/, '[')} -> ${c.to.replace(/-c8\w+\[/, '[')} ${JSON.stringify(c.allowed)}`);
  const expected = ['shop/shop-web[Deployment] -> shop/shop-db[StatefulSet] {"TCP":[[5432,5432]],"UDP":[],"SCTP":[]}'];
  if (JSON.stringify(allowed) !== JSON.stringify(expected)) throw new Error(`allowed: ${allowed.join('\n') || 'nothing'}`);
  expectExit(sh('npx cdk8s-netpol explain --from db --to web --port 8080 dist/', projectDir), 1, 'explain db -> web (denied)');
  const version = sh('npx cdk8s-netpol --version', projectDir);
  expectExit(version, 0, '--version');
  if (version.stdout.trim() !== installedVersion('cdk8s-netpol')) throw new Error(`--version printed ${version.stdout}`);
});

check('a policy the API server would reject fails npx cdk8s synth with its construct path and field', () => {
  const bad = path.join(work, 'bad-app');
  fs.mkdirSync(bad);
  for (const name of ['cdk8s.yaml', 'tsconfig.json']) fs.copyFileSync(path.join(projectDir, name), path.join(bad, name));
  fs.symlinkSync(path.join(projectDir, 'node_modules'), path.join(bad, 'node_modules'));
  fs.writeFileSync(path.join(bad, 'main.ts'), [
    "import { App, Chart } from 'cdk8s';",
    "import { NetworkPolicy, Peer, Pods, Port } from 'cdk8s-netpol';",
    'const app = new App();',
    "const chart = new Chart(app, 'shop', { namespace: 'shop' });",
    "const db = new NetworkPolicy(chart, 'db', { selector: Pods.labels({ app: 'db' }) });",
    "db.allowIngress(Peer.cidr('10.0.0.0/33'), Port.tcp(70000));",
    'app.synth();',
    '',
  ].join('\n'));
  const result = sh('npx cdk8s synth', bad);
  if (result.status === 0) throw new Error('synth succeeded');
  const output = result.stdout + result.stderr;
  for (const expected of ['[shop/db] spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    '[shop/db] spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33"']) {
    if (!output.includes(expected)) throw new Error(`no "${expected}" in:\n${output.slice(0, 3000)}`);
  }
});

finish();
