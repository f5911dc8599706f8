/**
 * A command line that cannot be run: an unknown command or flag, a flag without its value, a value
 * that is not one of the allowed ones, missing arguments. The CLI prints it with the usage and exits 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
