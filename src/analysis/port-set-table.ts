import { PortSet } from './port-set';

/**
 * Interned port sets: each distinct set gets a small integer id, so the engine can keep a matrix of
 * ids and memoize unions and intersections. Id 0 is the empty set, id 1 is every port.
 */
export class PortSetTable {
  public static readonly EMPTY = 0;
  public static readonly ALL = 1;

  private readonly sets: PortSet[] = [];
  private readonly ids = new Map<string, number>();
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();

  public constructor() {
    for (const set of [PortSet.EMPTY, PortSet.ALL]) {
      this.ids.set(set.toKey(), this.sets.length);
      this.sets.push(set);
    }
  }

  /** The id of a set, given a new one if it was not seen before. */
  public intern(set: PortSet): number {
    if (set.isEmpty) return PortSetTable.EMPTY;
    const key = set.toKey();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(key, id);
    }
    return id;
  }

  /** The set of an id. */
  public get(id: number): PortSet {
    return this.sets[id];
  }

  /** The number of distinct sets. */
  public get size(): number {
    return this.sets.length;
  }

  /** The id of the union of two sets. */
  public union(a: number, b: number): number {
    if (a === b || b === PortSetTable.EMPTY || a === PortSetTable.ALL) return a;
    if (a === PortSetTable.EMPTY || b === PortSetTable.ALL) return b;
    const key = a < b ? a * 0x200000 + b : b * 0x200000 + a;
    let id = this.unions.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].union(this.sets[b]));
      this.unions.set(key, id);
    }
    return id;
  }

  /** The id of the intersection of two sets. */
  public intersect(a: number, b: number): number {
    if (a === b || b === PortSetTable.ALL || a === PortSetTable.EMPTY) return a;
    if (b === PortSetTable.EMPTY || a === PortSetTable.ALL) return b;
    const key = a < b ? a * 0x200000 + b : b * 0x200000 + a;
    let id = this.intersections.get(key);
    if (id === undefined) {
      id = this.intern(this.sets[a].intersect(this.sets[b]));
      this.intersections.set(key, id);
    }
    return id;
  }
}
