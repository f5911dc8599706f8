import { UsageError } from './usage-error';
import { Port } from '../model/port';
import { Protocol } from '../model/protocol';

/** Parses `80`, `80/UDP`, `8000-8080/tcp`, `http`, `http/TCP` into a Port (TCP by default). */
export function parsePortArg(text: string, flag: string = '--port'): Port {
  const m = /^([^/]+)(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected N[/PROTO], N-M[/PROTO] or NAME[/PROTO]`);
  const protoText = (m[2] ?? 'TCP').toUpperCase();
  const protocol = Object.values(Protocol).find((p) => p === protoText);
  if (!protocol) throw new UsageError(`${flag} ${JSON.stringify(text)}: unknown protocol ${m[2]} (TCP, UDP or SCTP)`);
  const body = m[1];
  const range = /^([0-9]+)(?:-([0-9]+))?$/.exec(body);
  if (range) {
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (first < 1 || last > 65535 || last < first) throw new UsageError(`${flag} ${JSON.stringify(text)}: ports are 1 to 65535`);
    return first === last ? Port.of(protocol, first) : Port.range(protocol, first, last);
  }
  if (!/^[a-z0-9-]+$/.test(body)) throw new UsageError(`${flag} ${JSON.stringify(text)}: not a port number or a port name`);
  return Port.named(body, protocol);
}
