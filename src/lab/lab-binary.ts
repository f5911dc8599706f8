import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LabUnavailableError } from './lab-unavailable-error';

/** The Go wrapper's folder: `labgo/` at the package root (src/lab and lib/lab are two levels below it). */
export const LABGO_DIR = path.join(__dirname, '..', '..', 'labgo');

/**
 * The lab's one Go binary (kube-apiserver v1.29.3, kube-router v2.1.0's network policy controller,
 * kubectl and the probe agent): `LAB_BINARY` if set, else the one `labgo/build.sh` finds in its cache
 * or builds (minutes, the first time; the build's progress goes to stderr).
 */
export function labBinary(): string {
  const given = process.env.LAB_BINARY;
  if (given) {
    if (!fs.existsSync(given)) throw new LabUnavailableError(`LAB_BINARY=${given} does not exist`);
    return given;
  }
  const r = spawnSync(path.join(LABGO_DIR, 'build.sh'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw new LabUnavailableError(`cannot run labgo/build.sh: ${r.error.message}`);
  if (r.status !== 0) {
    throw new LabUnavailableError(`building the lab binary failed (labgo/build.sh exited with ${r.status}; its messages are above)`);
  }
  const bin = r.stdout.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(bin)) throw new LabUnavailableError(`labgo/build.sh printed no binary (${JSON.stringify(bin)})`);
  return bin;
}

/**
 * The kube-network-policies engine's binary (`labgo/knp/`, a Go module of its own): `LAB_KNP_BINARY` if
 * set, else the one `labgo/knp/build.sh` finds in the lab's cache or builds (about 2 minutes the first time).
 */
export function knpBinary(): string {
  const given = process.env.LAB_KNP_BINARY;
  if (given) {
    if (!fs.existsSync(given)) throw new LabUnavailableError(`LAB_KNP_BINARY=${given} does not exist`);
    return given;
  }
  const r = spawnSync(path.join(LABGO_DIR, 'knp', 'build.sh'), [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw new LabUnavailableError(`cannot run labgo/knp/build.sh: ${r.error.message}`);
  if (r.status !== 0) {
    throw new LabUnavailableError(`building kube-network-policies failed (labgo/knp/build.sh exited with ${r.status}; its messages are above)`);
  }
  const bin = r.stdout.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(bin)) throw new LabUnavailableError(`labgo/knp/build.sh printed no binary (${JSON.stringify(bin)})`);
  return bin;
}

/** The cached kube-network-policies binary if it is already built, without building it. */
export function cachedKnpBinary(): string | undefined {
  if (process.env.LAB_KNP_BINARY) return fs.existsSync(process.env.LAB_KNP_BINARY) ? process.env.LAB_KNP_BINARY : undefined;
  const r = spawnSync(path.join(LABGO_DIR, 'knp', 'build.sh'), ['--cached'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const bin = r.status === 0 ? r.stdout.trim() : '';
  return bin !== '' && fs.existsSync(bin) ? bin : undefined;
}

/** The cached binary if it is already built, without building it (for tests that must not build). */
export function cachedLabBinary(): string | undefined {
  if (process.env.LAB_BINARY) return fs.existsSync(process.env.LAB_BINARY) ? process.env.LAB_BINARY : undefined;
  const r = spawnSync(path.join(LABGO_DIR, 'build.sh'), ['--cached'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const bin = r.status === 0 ? r.stdout.trim() : '';
  return bin !== '' && fs.existsSync(bin) ? bin : undefined;
}
