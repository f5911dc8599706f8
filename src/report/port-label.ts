import { PortSet } from '../analysis/port-set';
import { ALL_PROTOCOLS } from '../model/protocol';

/** How many port ranges a label shows before it says how many more there are. */
const MAX_RANGES = 6;

/**
 * A port set as a compact edge label: `TCP 80, 443; UDP 53`, `TCP all; UDP 53`, `all` for every
 * port of every protocol, `nothing` for none. Long lists end with `+N more`.
 */
export function compactPortLabel(set: PortSet, maxRanges = MAX_RANGES): string {
  if (set.isAll) return 'all';
  if (set.isEmpty) return 'nothing';
  const parts: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const protocol of ALL_PROTOCOLS) {
    const intervals = set.intervals(protocol);
    if (intervals.length === 0) continue;
    if (intervals.length === 1 && intervals[0][0] <= 1 && intervals[0][1] >= 65535) {
      parts.push(`${protocol} all`);
      shown++;
      continue;
    }
    const ranges: string[] = [];
    for (const [a, b] of intervals) {
      if (shown >= maxRanges) {
        hidden++;
        continue;
      }
      ranges.push(a === b ? `${a}` : `${a}-${b}`);
      shown++;
    }
    if (ranges.length > 0) parts.push(`${protocol} ${ranges.join(', ')}`);
  }
  return hidden > 0 ? `${parts.join('; ')} +${hidden} more` : parts.join('; ');
}
