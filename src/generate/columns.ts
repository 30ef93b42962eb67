/**
 * The Salesforce-style columns around `Account Name`: ids, owners, dates in several formats, relationship,
 * address, phone, website, size and a free-text description. Stable facts of an entity (its address, phone,
 * industry…) are hashed from (seed, entity) rather than stored, so memory stays flat at any row count.
 */
import type { EntityTable } from './entities.js';
import { BRAND, CHAIN } from './entities.js';
import type { Pools } from './pools.js';
import { hash3, mix32, Permutation, Rng } from './random.js';
import {
  ADDRESS_BLANK_RATE,
  ADDRESS_FROM_ENTITY_RATE,
  DATE_FORMAT_WEIGHTS,
  DESCRIPTION_MULTILINE_RATE,
  DESCRIPTION_RATE,
  EMPLOYEES_BLANK_RATE,
  INDUSTRY_BLANK_RATE,
  PHONE_BLANK_RATE,
  RELATIONSHIP_BLANK_RATE,
  RELATIONSHIP_NOISE_RATE,
  REVENUE_BLANK_RATE,
  TYPE_BLANK_RATE,
  WEBSITE_BLANK_RATE,
} from './rates.js';
import { podFor, salesforceId } from './salesforce-id.js';
import { ACCOUNT_TYPES, COUNTRIES, INDUSTRIES, NOTE_OPENERS, RELATIONSHIPS } from './vocabulary.js';

export const HEADER = [
  'Account ID',
  'Account Name',
  'Parent Account ID',
  'Account Owner',
  'Created Date',
  'Created By',
  'Last Modified Date',
  'Relationship',
  'Type',
  'Industry',
  'Billing Street',
  'Billing City',
  'Billing State/Province',
  'Billing Zip/Postal Code',
  'Billing Country',
  'Phone',
  'Website',
  'Number of Employees',
  'Annual Revenue',
  'Account Source',
  'Description',
] as const;

/**
 * File shapes `junction generate --shape` writes (issue 14: benchmarks must read files shaped like real exports).
 * `classic`: the 21 columns above, no BOM (the accuracy sets and tests use it; same seed, same bytes as ever).
 * `salesforce-report`: what a Salesforce report export of Accounts looks like — a UTF-8 BOM, 20 columns (no
 * `Account Source`), CRLF, and long intake notes with commas, quotes and line breaks (~278 bytes a row, the size
 * issue 14 measured on a real export). Names, ids and truth are the same as `classic` for the same seed.
 */
export const FILE_SHAPES = ['classic', 'salesforce-report'] as const;
export type FileShape = (typeof FILE_SHAPES)[number];

/** `Account Source`'s position in HEADER: the report shape leaves it out. */
const ACCOUNT_SOURCE_COLUMN = HEADER.indexOf('Account Source');
const UTF8_BOM = '\uFEFF';

/** The header line of a shape (without its line end), BOM included. */
export function headerLine(shape: FileShape): string {
  if (shape === 'classic') return HEADER.map(csvField).join(',');
  return (
    UTF8_BOM +
    HEADER.filter((_h, i) => i !== ACCOUNT_SOURCE_COLUMN)
      .map(csvField)
      .join(',')
  );
}

/** Share of report rows whose notes get an intake log appended, and the most log lines one gets. */
const REPORT_LOG_RATE = 0.4;
const REPORT_LOG_MAX_LINES = 3;

/** Accounts were created between these instants (UTC); ids grow with creation time, as in Salesforce. */
const FIRST_CREATED = Date.UTC(2014, 0, 6, 9, 0, 0);
const LAST_CREATED = Date.UTC(2025, 5, 30, 18, 0, 0);
const LAST_MODIFIED = Date.UTC(2025, 8, 30, 18, 0, 0);
const DAY_MS = 86_400_000;
/** Days from 1899-12-30 to 1970-01-01: Excel serial = epoch days + this (1900 leap-year quirk included). */
const EXCEL_EPOCH_OFFSET = 25569;
/** Gaps between consecutive serials make ids look sparse, as in a real org with deleted records. */
const ID_STRIDE = 7;

const ACCOUNT_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other', 'Employee Referral'];
const SYSTEM_USERS = ['Integration User', 'Data Migration', 'Automated Process'];
const CONTACT_ROLES = ['HR', 'Payroll', 'Office Manager', 'Owner'];

/** Salts for per-entity hashed attributes: one per attribute, so they vary independently. */
const SALT = { owner: 1, place: 2, street: 3, phone: 4, employees: 5, type: 6, source: 7, relationship: 8 } as const;

function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats an instant in one of the date styles seen in CRM exports (SPEC §2.2 must parse them all). */
export function formatDate(ms: number, style: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  switch (style) {
    case 0:
      return d.toISOString();
    case 1:
      return `${m}/${day}/${y}`;
    case 2: {
      const h = d.getUTCHours();
      const h12 = h % 12 === 0 ? 12 : h % 12;
      return `${m}/${day}/${pad2(y % 100)} ${h12}:${pad2(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
    }
    case 3:
      return `${y}-${pad2(m)}-${pad2(day)}`;
    case 4:
      return String(Math.floor(ms / DAY_MS) + EXCEL_EPOCH_OFFSET);
    default:
      return '';
  }
}

function dateStyle(rng: Rng): number {
  let x = rng.float();
  for (let i = 0; i < DATE_FORMAT_WEIGHTS.length; i++) {
    x -= DATE_FORMAT_WEIGHTS[i]!;
    if (x < 0) return i;
  }
  return DATE_FORMAT_WEIGHTS.length;
}

/** RFC 4180: quote a field holding a comma, a double quote or a line break; double the quotes inside. */
export function csvField(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** `1500000` → `1,500,000` (Intl is slower than this, and the output must not depend on the ICU build). */
function withThousands(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}

/** Everything a row needs besides its name, for one file. */
export class ColumnRenderer {
  private readonly perm: Permutation;
  private readonly pod: string;
  private readonly idBase: number;
  private readonly users: readonly string[];
  private readonly reportRng: Rng;

  constructor(
    private readonly rows: number,
    private readonly seed: number,
    private readonly pools: Pools,
    private readonly entities: EntityTable,
    private readonly shape: FileShape = 'classic',
  ) {
    this.perm = new Permutation(rows, seed);
    // A second stream for what only the report shape adds, so names and truth do not depend on the shape.
    this.reportRng = new Rng(mix32(seed ^ 0x5e9027));
    const h = mix32(seed ^ 0x51f15e);
    this.pod = podFor(h);
    this.idBase = (1 + (h % 50)) * 62 ** 5;
    this.users = pools.users;
  }

  /** Creation rank of the row at file position `position` (0 = oldest). */
  rank(position: number): number {
    return this.perm.at(position);
  }

  /** The `Account ID` of the row at file position `position`; unique per position, computable from anywhere. */
  accountId(position: number): string {
    const rank = this.perm.at(position);
    return salesforceId(this.pod, this.idBase + rank * ID_STRIDE + (mix32(rank ^ this.seed) % ID_STRIDE));
  }

  /**
   * All columns after `Account Name` and `Parent Account ID`, joined and quoted. `entity` is -1 for junk rows.
   * Draws from `rng` in a fixed order.
   */
  rest(rng: Rng, position: number, entity: number, accountName: string): string {
    const seed = this.seed;
    const ent = this.entities;
    const isEntity = entity >= 0;
    const key = isEntity ? entity : this.entities.count + position;
    const flags = isEntity ? ent.flags[entity]! : 0;
    const chain = (flags & CHAIN) !== 0;

    const owner = rng.chance(0.75)
      ? this.users[hash3(seed, key, SALT.owner) % this.users.length]!
      : this.users[rng.int(this.users.length)]!;
    const rank = this.perm.at(position);
    // Whole seconds, as Salesforce stores them (`2019-03-04T10:22:31.000Z`).
    const created = toSecond(FIRST_CREATED + ((rank + rng.float()) / this.rows) * (LAST_CREATED - FIRST_CREATED));
    const modified = toSecond(created + rng.float() ** 2 * (LAST_MODIFIED - created));
    const createdBy = rng.chance(0.1) ? rng.pick(SYSTEM_USERS) : rng.chance(0.7) ? owner : rng.pick(this.users);

    let relationship = '';
    if (!rng.chance(RELATIONSHIP_BLANK_RATE)) {
      relationship = rng.chance(0.6)
        ? RELATIONSHIPS[hash3(seed, key, SALT.relationship) % RELATIONSHIPS.length]!
        : rng.pickZipf(RELATIONSHIPS, 1);
      if (rng.chance(RELATIONSHIP_NOISE_RATE)) {
        relationship = rng.chance(0.5) ? `${relationship.toLowerCase()} ` : ` ${relationship}`;
      }
    }
    const type = rng.chance(TYPE_BLANK_RATE) ? '' : ACCOUNT_TYPES[hash3(seed, key, SALT.type) % ACCOUNT_TYPES.length]!;
    const industry =
      !isEntity || rng.chance(INDUSTRY_BLANK_RATE)
        ? ''
        : rng.chance(0.05)
          ? rng.pick(INDUSTRIES)
          : INDUSTRIES[ent.industry[entity]!]!;

    let street = '';
    let city = '';
    let state = '';
    let zip = '';
    let country = '';
    if (isEntity && !rng.chance(ADDRESS_BLANK_RATE)) {
      // A chain's rows are its stores, each somewhere else; other entities mostly repeat their own address.
      const own = !chain && rng.chance(ADDRESS_FROM_ENTITY_RATE / (1 - ADDRESS_BLANK_RATE));
      const placeIndex = own ? hash3(seed, key, SALT.place) : rng.u32();
      const place = this.pools.places[placeIndex % this.pools.places.length]!;
      street = this.pools.streets[(own ? hash3(seed, key, SALT.street) : rng.u32()) % this.pools.streets.length]!;
      city = place.city;
      state = rng.chance(0.75) ? place.stateCode : place.state;
      zip = rng.chance(0.1) ? `${place.zip}-${String(rng.int(10000)).padStart(4, '0')}` : place.zip;
      country = rng.chance(0.2) ? '' : rng.pickZipf(COUNTRIES, 1.2);
    }

    let phone = '';
    if (isEntity && !rng.chance(PHONE_BLANK_RATE)) phone = this.phone(rng, hash3(seed, key, SALT.phone));
    let website = '';
    if (isEntity && !rng.chance(WEBSITE_BLANK_RATE)) {
      const host = `${slug(ent.name[entity]!)}.com`;
      const style = rng.int(4);
      website =
        style === 0 ? `https://www.${host}` : style === 1 ? `http://${host}` : style === 2 ? host : `www.${host}`;
    }

    let employees = '';
    let revenue = '';
    if (isEntity) {
      const h = hash3(seed, key, SALT.employees);
      const big = (flags & BRAND) !== 0;
      const staff = Math.max(1, Math.round(Math.exp(((h % 10000) / 10000) * (big ? 11 : 7)) * (big ? 20 : 1)));
      if (!rng.chance(EMPLOYEES_BLANK_RATE)) employees = String(staff);
      if (!rng.chance(REVENUE_BLANK_RATE)) {
        const amount = Math.round((staff * (60 + (h % 240))) / 10) * 10_000;
        const style = rng.int(3);
        revenue = style === 0 ? String(amount) : style === 1 ? `${amount}.00` : `$${withThousands(amount)}`;
      }
    }
    const source = rng.chance(0.6) ? '' : ACCOUNT_SOURCES[hash3(seed, key, SALT.source) % ACCOUNT_SOURCES.length]!;
    const description = rng.chance(DESCRIPTION_RATE) ? this.description(rng, accountName, created) : '';

    // Dates are drawn after the description: the order of draws fixes the bytes of the classic shape.
    const createdText = formatDate(created, dateStyle(rng));
    const modifiedText = formatDate(modified, dateStyle(rng));
    const fields = [
      owner,
      createdText,
      createdBy,
      modifiedText,
      relationship,
      type,
      industry,
      street,
      city,
      state,
      zip,
      country,
      phone,
      website,
      employees,
      revenue,
      source,
      description,
    ];
    if (this.shape === 'salesforce-report') {
      fields.splice(ACCOUNT_SOURCE_COLUMN - 3, 1);
      fields[fields.length - 1] = this.withIntakeLog(description, accountName, created);
    }
    return fields.map(csvField).join(',');
  }

  /** Report shape: notes carry a dated intake log (commas, quotes, line breaks), as real exports do. */
  private withIntakeLog(description: string, accountName: string, created: number): string {
    const rng = this.reportRng;
    if (!rng.chance(REPORT_LOG_RATE)) return description;
    const lines = description.length === 0 ? [] : [description];
    const count = 1 + rng.int(REPORT_LOG_MAX_LINES);
    for (let i = 0; i < count; i++)
      lines.push(`${formatDate(created + rng.int(400) * DAY_MS, 1)}: ${this.noteLine(rng, accountName, created)}`);
    return lines.join('\n');
  }

  private phone(rng: Rng, h: number): string {
    const area = 201 + (h % 789);
    const mid = 200 + ((h >>> 10) % 800);
    const last = String((h >>> 3) % 10000).padStart(4, '0');
    switch (rng.int(4)) {
      case 0:
        return `(${area}) ${mid}-${last}`;
      case 1:
        return `${area}-${mid}-${last}`;
      case 2:
        return `${area}.${mid}.${last}`;
      default:
        return `+1 ${area}-${mid}-${last}`;
    }
  }

  /** Intake-style free text: commas, quoted names and, in a share of rows, several lines. */
  private description(rng: Rng, accountName: string, created: number): string {
    if (!rng.chance(DESCRIPTION_MULTILINE_RATE)) return this.noteLine(rng, accountName, created);
    let text = `${this.noteLine(rng, accountName, created)}\n${this.noteLine(rng, accountName, created)}`;
    if (rng.chance(0.4)) text += `\n\n- ${this.noteLine(rng, accountName, created)}`;
    return text;
  }

  private noteLine(rng: Rng, accountName: string, created: number): string {
    const pools = this.pools;
    switch (rng.int(6)) {
      case 0:
        return `${rng.pick(NOTE_OPENERS)} ${formatDate(created + rng.int(30) * DAY_MS, 1)}, ${rng.pick(pools.catchPhrases).toLowerCase()}.`;
      case 1:
        return `PNC says employer is "${accountName.trim()}", not sure of spelling.`;
      case 2:
        return `Worked ${1 + rng.int(15)} years as ${rng.pick(pools.jobTitles).toLowerCase()}; paid weekly, W-2 on file.`;
      case 3:
        return `Contact: ${rng.pick(pools.firstNames)} ${rng.pick(pools.surnames)}, "${rng.pick(CONTACT_ROLES)}"`;
      case 4:
        return rng.pick(pools.catchPhrases);
      default:
        return `Address on paystub differs, see notes; ${rng.pick(pools.cities)}, ${rng.pick(pools.states)}.`;
    }
  }
}
