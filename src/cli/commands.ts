import { analyzeCommand } from './analyze-command';
import { Command } from './command';
import { diffCommand } from './diff-command';
import { explainCommand } from './explain-command';
import { labCommand } from './lab-command';
import { lintCommand } from './lint-command';
import { reportCommand } from './report-command';
import { validateCommand } from './validate-command';

/**
 * The commands of `cdk8s-netpol`, in the order of the usage. To add one: write
 * `src/cli/<name>-command.ts` exporting a `Command`, import it here and list it.
 */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  analyzeCommand,
  explainCommand,
  diffCommand,
  lintCommand,
  reportCommand,
  labCommand,
];
