/**
 * Sites (issue 10): some files list sites, not companies — restaurant guides, childcare sites, store lists — where
 * `The Palm` in Atlanta and `The Palm` in Los Angeles are two entities, while a CRM's `Walmart - Mesa` and
 * `Walmart` at another billing address are one employer. A name cannot tell the two apart; the file can. Like
 * Splink's m-probabilities, what an address disagreement means is estimated from the data: among records that share
 * a name exactly, how often do they share the house number too? In a site list nearly always (per name, on average:
 * restaurants 0.84, childcare sites 0.91); in a CRM's accounts far less, since a chain's accounts carry
 * each store's address (`junction generate` 0.42). A file where it is the rule, and whose ids are not a CRM's
 * account ids, is read as a site list. There two records at different house numbers are never put in one group,
 * and two names at one site (house number and street) are compared and weigh that in the match model (`site`).
 */

/** No house number. */
export const NO_SITE = -1;

/**
 * A house number starts the address: `435 S. La Cienega Blvd.`, `293-B Peachtree Rd.`, `#12 Main St`, also behind a
 * stray quote a careless export left (`"12224 ventura blvd."`).
 */
const HOUSE_NUMBER = /^[\s"'#(]*(\d{1,7})(?![\d.,/:])/;

/**
 * The house number of a street address, or NO_SITE. Only a number that starts the address counts: `Suite 200, 100
 * Main St` and `in Central Park at 67th St.` say nothing certain, and a missing site is no evidence either way.
 */
export function houseNumberOf(address: string): number {
  const m = HOUSE_NUMBER.exec(address);
  return m === null ? NO_SITE : Number(m[1]);
}

export interface SiteAgreement {
  /** Names (keys) held by two or more records with a house number. */
  names: number;
  /** Mean over those names of the share of their record pairs at one house number. */
  share: number;
}

/**
 * How often records of one exact name sit at one house number, averaged over names so one name held by thousands of
 * records (a chain's head office typed on every account) does not decide for the file.
 * @param keyOf per record, its name key (−1: takes no part)
 * @param site per record, its house number (NO_SITE: none)
 */
export function siteAgreement(keyOf: Int32Array, site: Int32Array): SiteAgreement {
  // Sort (key, site) of the records that have both, then count runs: pairs per key and pairs per key and site.
  const packed: number[] = [];
  for (let i = 0; i < keyOf.length; i++) {
    const k = keyOf[i] as number;
    const s = site[i] as number;
    if (k >= 0 && s >= 0) packed.push(k * 2 ** 24 + s);
  }
  const sorted = Float64Array.from(packed).sort();
  let names = 0;
  let shareSum = 0;
  for (let start = 0; start < sorted.length; ) {
    const key = Math.floor((sorted[start] as number) / 2 ** 24);
    let end = start;
    let agreeing = 0;
    while (end < sorted.length && Math.floor((sorted[end] as number) / 2 ** 24) === key) {
      let run = end + 1;
      while (run < sorted.length && sorted[run] === sorted[end]) run++;
      const c = run - end;
      agreeing += (c * (c - 1)) / 2;
      end = run;
    }
    const count = end - start;
    if (count >= 2) {
      names++;
      shareSum += agreeing / ((count * (count - 1)) / 2);
    }
    start = end;
  }
  return { names, share: names === 0 ? 0 : shareSum / names };
}

export interface SiteRule {
  mode: 'auto' | 'on' | 'off';
  /** auto: the file is a site list when at least this share of exact-name pairs share a house number… */
  minAgreement: number;
  /** …measured over at least this many names. */
  minNames: number;
}

/**
 * Whether house numbers separate records in this file (see the module comment). A Salesforce export lists
 * accounts, and a company's accounts at many addresses are one company (CRM-INTAKE: `Walmart - Mesa` is Walmart),
 * so `auto` never reads one as a site list however often its duplicates repeat an address; `on` does.
 */
export function readsAsSiteList(agreement: SiteAgreement, rule: SiteRule, salesforceIds: boolean): boolean {
  if (rule.mode !== 'auto') return rule.mode === 'on';
  return !salesforceIds && agreement.names >= rule.minNames && agreement.share >= rule.minAgreement;
}

/** Directions and their dotted forms, skipped before the street's name (`435 S. La Cienega`, `1754 West Devon`). */
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'north', 'south', 'east', 'west']);
const ADDRESS_WORD = /[a-z0-9]+/g;

/**
 * A site: the house number and the street's first word, as one non-negative number (NO_SITE: none), so `6225 S.
 * Wabash` and `6225 S Wabash Avenue` are one site and `3151 W. Walnut` another than `3151 N. Oak Park Ave`.
 */
export function siteKeyOf(address: string, house = houseNumberOf(address)): number {
  if (house === NO_SITE) return NO_SITE;
  const rest = address.toLowerCase().replace(/^[\s"'#(]*\d+[a-z]?\b[-\s]*[a-z]?\b/, '');
  let street = '';
  for (const m of rest.matchAll(ADDRESS_WORD)) {
    if (DIRECTIONS.has(m[0])) continue;
    street = m[0];
    break;
  }
  if (street === '') return NO_SITE;
  // FNV-1a over `number street`, kept to 31 bits so no site is NO_SITE.
  let h = 0x811c9dc5;
  const text = `${house} ${street}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

/** Per key, the distinct sites of its records, ascending: key k's are `ids[offsets[k] .. offsets[k + 1])`. */
export interface KeySites {
  offsets: Int32Array;
  ids: Int32Array;
}

/** The sites of each key (see {@link KeySites}); `keyOf` −1 takes no part. */
export function keySitesOf(keyOf: Int32Array, siteKey: Int32Array, keyCount: number): KeySites {
  const order = sitedRecordsByKeyAndSite(keyOf, siteKey);
  const offsets = new Int32Array(keyCount + 1);
  const ids: number[] = [];
  let last = -1;
  let lastSite = NO_SITE;
  for (const i of order) {
    const k = keyOf[i] as number;
    const s = siteKey[i] as number;
    if (k === last && s === lastSite) continue;
    ids.push(s);
    offsets[k + 1] = (offsets[k + 1] as number) + 1;
    last = k;
    lastSite = s;
  }
  for (let k = 0; k < keyCount; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
  return { offsets, ids: Int32Array.from(ids) };
}

/** Whether keys a and b have a site in common (two ascending lists). */
export function shareSite(sites: KeySites, a: number, b: number): boolean {
  let i = sites.offsets[a] as number;
  const iEnd = sites.offsets[a + 1] as number;
  let j = sites.offsets[b] as number;
  const jEnd = sites.offsets[b + 1] as number;
  while (i < iEnd && j < jEnd) {
    const x = sites.ids[i] as number;
    const y = sites.ids[j] as number;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}

/**
 * Key pairs whose records share a site, `a < b`, unique, sorted: in a site list, two names at one address are worth
 * comparing whatever their words (`Beidler` / `Chicago Public Schools Beidler, Jacob`). A site holding more than
 * `maxKeys` names (a mall, a casino) pairs none of them.
 */
export function sitePairs(keyOf: Int32Array, siteKey: Int32Array, maxKeys: number): { a: Int32Array; b: Int32Array } {
  const records = Array.from(sitedRecordsByKeyAndSite(keyOf, siteKey));
  records.sort(
    (x, y) => (siteKey[x] as number) - (siteKey[y] as number) || (keyOf[x] as number) - (keyOf[y] as number),
  );
  const packed: number[] = [];
  for (let start = 0; start < records.length; ) {
    const site = siteKey[records[start] as number] as number;
    const keys: number[] = [];
    let end = start;
    for (; end < records.length && siteKey[records[end] as number] === site; end++) {
      const k = keyOf[records[end] as number] as number;
      if (keys[keys.length - 1] !== k) keys.push(k);
    }
    if (keys.length <= maxKeys)
      for (let x = 0; x < keys.length; x++)
        for (let y = x + 1; y < keys.length; y++) packed.push((keys[x] as number) * 2 ** 26 + (keys[y] as number));
    start = end;
  }
  const sorted = Float64Array.from(packed).sort();
  const a: number[] = [];
  const b: number[] = [];
  for (let p = 0; p < sorted.length; p++) {
    if (p > 0 && sorted[p] === sorted[p - 1]) continue;
    const v = sorted[p] as number;
    a.push(Math.floor(v / 2 ** 26));
    b.push(v % 2 ** 26);
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/** Records with a key and a site, sorted by key then site. */
function sitedRecordsByKeyAndSite(keyOf: Int32Array, siteKey: Int32Array): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < keyOf.length; i++)
    if ((keyOf[i] as number) >= 0 && (siteKey[i] as number) !== NO_SITE) list.push(i);
  return Int32Array.from(list).sort(
    (x, y) => (keyOf[x] as number) - (keyOf[y] as number) || (siteKey[x] as number) - (siteKey[y] as number),
  );
}
