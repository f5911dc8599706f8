import { loadAnalysis } from './analysis-input';
import { analysisOptions, EXTERNAL_FLAG, NO_IPBLOCK_PODS_FLAG } from './analyze-command';
import { CliIo } from './cli-io';
import { CLUSTER_FLAGS, CLUSTER_INPUT_HELP } from './cluster-source';
import { Command } from './command';
import { completenessJson, EXIT_INCOMPLETE, EXIT_UNUSABLE, incompleteTextLines, INPUT_RULE_HELP, SKIP_INVALID_FLAG, VERBOSE_FLAG } from './command-input';
import { OUTPUT_FLAG } from './flag';
import { ParsedArgs } from './parse-args';
import { parsePortArg } from './port-arg';
import { PROGRAM } from './usage';
import { UsageError } from './usage-error';

/**
 * `cdk8s-netpol explain`: why traffic from one endpoint to another is allowed or not.
 */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Tell which policies isolate each side of a connection and which rule allows it',
  synopsis: '--from ID --to ID --port N[/PROTO] [--external CIDR]... [--no-ipblock-pods] [--skip-invalid] [--verbose] [--output text|json] [--kubeconfig PATH] [--context NAME] <file|dir|cluster>...',
  flags: [
    {
      name: 'from',
      description: 'The source endpoint: an id (shop/shop-web-c81100ac[Deployment]), namespace/name, a name, the name without cdk8s\'s hash (shop-web) or its last word (web), a pod IP, or any IP or CIDR',
      valueName: 'ID',
    },
    { name: 'to', description: 'The destination endpoint, as --from', valueName: 'ID' },
    { name: 'port', description: 'The destination port: 80, 80/UDP, 8000-8080/TCP, a named port (http, http/TCP); TCP by default', valueName: 'PORT' },
    EXTERNAL_FLAG,
    NO_IPBLOCK_PODS_FLAG,
    SKIP_INVALID_FLAG,
    VERBOSE_FLAG,
    OUTPUT_FLAG,
    ...CLUSTER_FLAGS,
  ],
  details: [
    INPUT_RULE_HELP,
    '',
    CLUSTER_INPUT_HELP,
    '',
    'Exit codes: 0 allowed; 1 not allowed; 2 unusable input, or an endpoint that names nothing',
    '(the nearest ids are listed) or several (they are listed); 3 answered without some objects of',
    'the input, which the answer lists (allowed or not, the answer may be wrong).',
  ].join('\n'),
  run: runExplain,
};

function runExplain(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length === 0) throw new UsageError('no file or directory given');
  for (const f of ['from', 'to', 'port']) if (typeof args.flags[f] !== 'string') throw new UsageError(`--${f} is required`);
  const port = parsePortArg(args.flags.port as string);
  const { reachability: r, leftOut } = loadAnalysis('explain', args.positionals, analysisOptions(args), args, io);
  let from: string;
  let to: string;
  try {
    from = r.findEndpoint(args.flags.from as string);
    to = r.findEndpoint(args.flags.to as string);
  } catch (e) {
    io.stderr(`${PROGRAM} explain: ${(e as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const explanation = r.explain(from, to, port);
  if (args.flags.output === 'json') io.stdout(`${JSON.stringify({ ...completenessJson(leftOut), ...explanation }, undefined, 2)}\n`);
  else io.stdout(`${[...incompleteTextLines(leftOut), explanation.text].join('\n')}\n`);
  if (leftOut.length > 0) return EXIT_INCOMPLETE;
  return explanation.allowed ? 0 : 1;
}
