import { LabelSelector } from './label-selector';

/**
 * Whether every object `specific` selects is also selected by `general`, judged by syntax only
 * (internal, conservative): `general`'s labels and expressions are all among `specific`'s.
 */
export function selectorCovers(general: LabelSelector, specific: LabelSelector): boolean {
  if (general.isEmpty) return true;
  for (const [key, value] of Object.entries(general.matchLabels)) {
    if (specific.matchLabels[key] !== value) return false;
  }
  const keyOf = (r: { key: string; operator: string; values?: string[] }) => JSON.stringify([r.key, r.operator, [...new Set(r.values ?? [])].sort()]);
  const specificKeys = new Set(specific.matchExpressions.map(keyOf));
  return general.matchExpressions.every((r) => specificKeys.has(keyOf(r)));
}
