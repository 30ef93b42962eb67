import { UnionFind } from './union-find.js';

/**
 * The alias dictionary with a steward's merges folded in (issue 10: a must-link is remembered as an alias for later
 * runs and other datasets). Each link names two spellings of one employer; spellings are one when their cores are
 * (`coreOf`, the name normaliser), so a link joins its names' dictionary entries with each other and with any entry
 * that already holds either core. A link whose two names share a core, or names one without a core, adds nothing.
 * Entries keep their order; entries a link joined become one, at the place of the first; new ones come last.
 * @example withLinkedSpellings([['UPS', 'United Parcel Service']], [['Kaiser Hospital', 'Kaiser Permanente']], lower)
 *   → [['UPS', 'United Parcel Service'], ['Kaiser Hospital', 'Kaiser Permanente']]
 */
export function withLinkedSpellings(
  entries: readonly (readonly string[])[],
  links: readonly (readonly [string, string])[],
  coreOf: (name: string) => string,
): string[][] {
  const spellings: string[] = [];
  const idOfCore = new Map<string, number>();
  const idOf = (name: string): number => {
    const core = coreOf(name);
    if (core.length === 0) return -1;
    const known = idOfCore.get(core);
    if (known !== undefined) return known;
    idOfCore.set(core, spellings.length);
    spellings.push(name);
    return spellings.length - 1;
  };
  const entryIds = entries.map((entry) => entry.map(idOf));
  const linkIds = links.map(([a, b]) => [idOf(a), idOf(b)] as const);
  const sets = new UnionFind(spellings.length);
  const join = (x: number, y: number): void => {
    if (x < 0 || y < 0) return;
    const rx = sets.find(x);
    const ry = sets.find(y);
    if (rx !== ry) sets.unionRoots(rx, ry);
  };
  for (const ids of entryIds) for (const id of ids) join(ids[0] as number, id);
  for (const [a, b] of linkIds) join(a, b);

  const out: string[][] = [];
  const slotOfRoot = new Map<number, number>();
  const place = (root: number, names: readonly string[]): void => {
    const slot = slotOfRoot.get(root);
    if (slot === undefined) {
      slotOfRoot.set(root, out.length);
      out.push([...names]);
      return;
    }
    const group = out[slot] as string[];
    for (const name of names) if (!group.includes(name)) group.push(name);
  };
  entries.forEach((entry, e) => {
    const ids = entryIds[e] as number[];
    const first = ids.find((id) => id >= 0);
    // An entry none of whose spellings has a core matches nothing; it is kept as written.
    if (first === undefined) out.push([...entry]);
    else place(sets.find(first), entry);
  });
  for (const [a, b] of linkIds) {
    if (a < 0 || b < 0 || a === b) continue;
    place(sets.find(a), [spellings[a] as string, spellings[b] as string]);
  }
  return out;
}
