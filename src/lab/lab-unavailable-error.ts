/**
 * The lab cannot run here (not Linux, not root, a missing tool, a failed build or start): the
 * message says why and what to change. The `lab` command exits 2 with it.
 */
export class LabUnavailableError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LabUnavailableError';
  }
}
