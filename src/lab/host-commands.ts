import { execFileSync, spawnSync } from 'child_process';
import { LabUnavailableError } from './lab-unavailable-error';

/** Runs a command to its end and returns its stdout; throws with its stderr when it fails. */
export function runCommand(command: string, args: readonly string[], input?: string): string {
  const r = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim()}`);
  }
  return r.stdout;
}

/** Runs a command and says whether it succeeded, ignoring its output. */
export function commandSucceeds(command: string, args: readonly string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Runs shell lines with `sh -e` (one process for many `ip` commands). */
export function runShell(lines: readonly string[]): void {
  if (lines.length === 0) return;
  runCommand('sh', ['-e'], lines.join('\n') + '\n');
}

/** The absolute path of a command on PATH (or in the sbin folders root has), or undefined. */
export function findCommand(name: string): string | undefined {
  try {
    const out = execFileSync('sh', ['-c', `PATH="$PATH:/usr/sbin:/sbin:/usr/local/go/bin" command -v ${name}`], { encoding: 'utf8' }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The tools the lab runs, each with the Debian package that has it. */
export const REQUIRED_TOOLS: ReadonlyArray<{ command: string; pkg: string }> = [
  { command: 'ip', pkg: 'iproute2' },
  { command: 'iptables', pkg: 'iptables' },
  { command: 'ipset', pkg: 'ipset' },
  { command: 'conntrack', pkg: 'conntrack' },
  { command: 'etcd', pkg: 'etcd-server' },
  { command: 'openssl', pkg: 'openssl' },
];

/**
 * Why the lab cannot run on this machine, or an empty list: it needs Linux, root (network
 * namespaces, iptables) and the tools of `REQUIRED_TOOLS`.
 */
export function labEnvironmentProblems(): string[] {
  if (process.platform !== 'linux') return [`the lab runs on Linux only (this is ${process.platform})`];
  const problems: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    problems.push('the lab needs root (it creates network namespaces and iptables rules): run it with sudo');
  }
  const missing = REQUIRED_TOOLS.filter((t) => findCommand(t.command) === undefined);
  if (missing.length > 0) {
    problems.push(`missing ${missing.map((t) => t.command).join(', ')}: apt-get install ${[...new Set(missing.map((t) => t.pkg))].join(' ')}`);
  }
  return problems;
}

/** Throws `LabUnavailableError` naming every reason the lab cannot run here. */
export function assertLabEnvironment(): void {
  const problems = labEnvironmentProblems();
  if (problems.length > 0) throw new LabUnavailableError(problems.join('; '));
}
