/**
 * Sites (issue 10): some files list sites, not companies — restaurant guides, childcare sites, store lists — where
 * `The Palm` in Atlanta and `The Palm` in Los Angeles are two entities, while a CRM's `Walmart - Mesa` and
 * `Walmart` at another billing address are one employer. A name cannot tell the two apart; the file can. Like
 * Splink's m-probabilities, what an address disagreement means is estimated from the data: among records that share
 * a name exactly, how often do they share the house number too? In a site list nearly always (per name, on average:
 * restaurants 0.84, childcare sites 0.91); in a CRM's accounts far less, since a chain's accounts carry
 * each store's address (`junction generate` 0.42). A file where it is the rule, and whose ids are not a CRM's
 * account ids, is read as a site list; there two records at different house numbers are never put in one group.
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
