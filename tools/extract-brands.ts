/**
 * Builds src/generate/data/brands.json, the list of real company names that `junction generate` uses for its
 * chains and a share of its other entities (SPEC §11: generated CRM data must look like real CRM data).
 *
 * Source: the npm package name-suggestion-index (BSD-3-Clause, see src/generate/data/NOTICE.md). It is not a
 * dependency of this project; fetch it once into a temporary folder and point this script at it:
 *
 *   cd /tmp && npm pack name-suggestion-index@8.0.20260918 && tar xzf name-suggestion-index-8.0.20260918.tgz
 *   node --import tsx tools/extract-brands.ts /tmp/package/dist/json/nsi.json src/generate/data/brands.json
 *
 * What is kept: items of the `brands/*` tree present in the United States (or worldwide), and items of the
 * `operators/*` tree present in the United States whose names look like companies (public bodies such as
 * `City of Gillette` or `Ferndale Police Department` are left out). Names must be Latin script; duplicates (same
 * letters and digits, ignoring case) are dropped. The output is sorted, so a re-run on the same input is
 * byte-identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const NSI_VERSION = '8.0.20260918';
const MAX_BRANDS = 4000;
const MAX_OPERATORS = 1400;

/** Operators whose names contain these words are public bodies or places, not employers we want as brands. */
const PUBLIC_BODY =
  /\b(city|county|town|township|village|borough|state|states|department|dept|police|sheriff|fire|school|schools|district|university|college|academy|authority|commission|park|parks|recreation|federal|government|public|library|board|municipal|municipality|metropolitan|regional|transit|port|agency|bureau|office|ministry|national|united|army|navy|air force|church|diocese|trust|conservancy|society|association|council|foundation|friends of|nature|wildlife|preserve|forest|cemetery|water|sewer|irrigation)\b/i;

const LATIN = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{S}]+$/u;

interface NsiItem {
  displayName?: string;
  locationSet?: { include?: unknown[] };
  tags?: Record<string, string>;
}
interface NsiFile {
  nsi: Record<string, { items?: NsiItem[] }>;
}

function inUnitedStates(item: NsiItem, allowWorldwide: boolean): boolean {
  const include = item.locationSet?.include ?? [];
  return include.some(
    (loc) => typeof loc === 'string' && (loc === 'us' || loc.startsWith('us-') || (allowWorldwide && loc === '001')),
  );
}

function fingerprint(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Drops sub-brands whose name is another kept name plus more words (`Walmart Neighborhood Market`, `Starbucks
 * Reserve`): the generator gives every name its own entity, and a sub-brand is arguably the same company.
 */
function dropSubBrands(list: [string, string][]): [string, string][] {
  const all = new Set(list.map(([name]) => name.toLowerCase()));
  return list.filter(([name]) => {
    const words = name.toLowerCase().split(' ');
    for (let n = 1; n < words.length; n++) if (all.has(words.slice(0, n).join(' '))) return false;
    return true;
  });
}

function main(): void {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    console.error('usage: node --import tsx tools/extract-brands.ts <nsi.json> <brands.json>');
    process.exit(1);
  }
  const nsi = (JSON.parse(readFileSync(input, 'utf8')) as NsiFile).nsi;
  const seen = new Set<string>();
  const brands: [string, string][] = [];
  const operators: [string, string][] = [];
  for (const path of Object.keys(nsi).sort()) {
    const [tree, ...rest] = path.split('/');
    const isBrand = tree === 'brands';
    if (!isBrand && tree !== 'operators') continue;
    const category = rest.join('/');
    for (const item of nsi[path]?.items ?? []) {
      if (!inUnitedStates(item, isBrand)) continue;
      const name = (isBrand ? item.tags?.brand : item.tags?.operator) ?? item.tags?.name ?? item.displayName;
      if (name === undefined || name.length < 2 || name.length > 60 || !LATIN.test(name)) continue;
      if (!/[A-Za-z]/.test(name)) continue;
      if (!isBrand && PUBLIC_BODY.test(name)) continue;
      const key = fingerprint(name);
      if (key.length < 2 || seen.has(key)) continue;
      seen.add(key);
      (isBrand ? brands : operators).push([name, category]);
    }
  }
  // Keep a stable, spread-out subset when there are more than we need: every k-th name in sorted order.
  const thin = (list: [string, string][], max: number): [string, string][] => {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (list.length <= max) return list;
    const step = list.length / max;
    return Array.from({ length: max }, (_, i) => list[Math.floor(i * step)]!);
  };
  const kept = dropSubBrands([...thin(brands, MAX_BRANDS), ...thin(operators, MAX_OPERATORS)]);
  const categories = [...new Set(kept.map(([, c]) => c))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const out = {
    source: `name-suggestion-index ${NSI_VERSION}, dist/json/nsi.json (BSD-3-Clause, see NOTICE.md)`,
    made_by: 'tools/extract-brands.ts',
    categories,
    // [name, index into categories]; the category is the NSI path without its tree (e.g. `shop/supermarket`).
    brands: kept.map(([name, category]) => [name, index.get(category)!]),
  };
  const text = `{\n"source": ${JSON.stringify(out.source)},\n"made_by": ${JSON.stringify(out.made_by)},\n"categories": ${JSON.stringify(out.categories)},\n"brands": [\n${out.brands.map((b) => JSON.stringify(b)).join(',\n')}\n]\n}\n`;
  writeFileSync(output, text);
  console.log(
    `${output}: ${kept.length} names (${brands.length} brands, ${operators.length} operators before thinning)`,
  );
}

main();
