import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import { InputError } from './input-error.js';
import { checkInputFile, hashAndCheckUtf8, type RowSink, type SourceFacts, uniqueHeaders } from './read-source.js';

/**
 * Stream the first sheet (or `sheet`) of an XLSX workbook row by row (SPEC §2), never holding the workbook
 * in memory. Every cell becomes text: date cells as ISO dates, numbers without float noise, a formula as its
 * cached result. A formula Excel never calculated (files written by scripts) has no result: it is read as
 * empty and counted in one warning naming the cells (issue 12 item 6: it used to become `[object Object]`, and
 * every such name matched every other). Inline rich text keeps all its runs.
 */
export async function readXlsx(path: string, sheet: string | null, sink: RowSink): Promise<SourceFacts> {
  const info = await checkInputFile(path);
  const { sha256 } = await hashAndCheckUtf8(path);
  const warnings: string[] = [];
  const reader = await workbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const seenSheets: string[] = [];
  let chosen: string | null = null;
  let header: string[] | null = null;
  let dataRow = 0;
  let blankLines = 0;
  const uncalculated: string[] = [];
  let uncalculatedCount = 0;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seenSheets.push(name);
      const wanted = sheet === null ? chosen === null : name === sheet;
      if (!wanted) {
        for await (const _row of worksheet) {
          // drain: the zip stream must be read past this sheet
        }
        continue;
      }
      chosen = name;
      let previousRowNumber = 0;
      for await (const row of worksheet) {
        // Rows with no cells are not emitted by the reader: count the gaps as blank lines.
        if (header !== null && row.number > previousRowNumber + 1) blankLines += row.number - previousRowNumber - 1;
        previousRowNumber = row.number;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) {
          const value = values[c];
          if (isUncalculatedFormula(value)) {
            uncalculatedCount++;
            if (uncalculated.length < 5) uncalculated.push(`${columnLetters(c)}${row.number}`);
            cells.push('');
          } else cells.push(cellText(value));
        }
        if (header === null) {
          if (cells.every((v) => v.trim().length === 0)) continue;
          header = uniqueHeaders(trimTrailingEmpty(cells), warnings);
          sink.header(header);
          continue;
        }
        if (cells.every((v) => v.length === 0)) {
          blankLines++;
          continue;
        }
        dataRow++;
        const width = header.length;
        const extra = cells.slice(width).some((v) => v.length > 0);
        if (extra) {
          sink.unreadable(dataRow, row.number, `${cells.length} cells where the header has ${width}`, cells.join('\t'));
          continue;
        }
        while (cells.length < width) cells.push('');
        await sink.row(cells.slice(0, width), dataRow, row.number);
      }
      if (sheet === null) break;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `${basename(path)}: not a readable XLSX workbook (${(error as Error).message}). Save it again from Excel or export CSV.`,
    );
  }
  if (chosen === null) {
    if (sheet !== null)
      throw new InputError(
        `${basename(path)}: no sheet named "${sheet}" (have: ${seenSheets.join(', ')}). Use --sheet with one of these.`,
      );
    throw new InputError(`${basename(path)}: the workbook has no sheets.`);
  }
  if (header === null)
    throw new InputError(`${basename(path)}: sheet "${chosen}" is empty. Put the header in the first row.`);
  if (blankLines > 0) warnings.push(`${blankLines} blank row(s) skipped`);
  if (uncalculatedCount > 0) {
    warnings.push(
      `${uncalculatedCount} formula cell(s) in sheet "${chosen}" have no calculated value (${uncalculated.join(', ')}${uncalculatedCount > uncalculated.length ? ', …' : ''}) and were read as empty; open and save the file in Excel to calculate them`,
    );
  }
  return {
    name: basename(path),
    size: info.size,
    sha256,
    format: 'xlsx',
    encoding: 'xlsx',
    delimiter: null,
    sheet: chosen,
    blankLines,
    warnings,
  };
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] as string).trim().length === 0) end--;
  return cells.slice(0, end);
}

/** A formula cell whose file holds no cached result: `{ formula }` (or a shared formula) without `result`. */
function isUncalculatedFormula(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
  return (v.formula !== undefined || v.sharedFormula !== undefined) && v.result === undefined;
}

/** Spreadsheet column letters of a 1-based column number. @example columnLetters(28) → 'AB' */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

type ReaderOptions = ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1];

/** The internal step of exceljs 4.4's streaming reader that parses one worksheet's XML (see `workbookReader`). */
interface WorksheetParsing {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
}

/**
 * exceljs's streaming reader with the worksheet XML passed through `joinInlineRuns` first: its parser keeps only
 * the last run of an inline rich-text cell (`<is><r>…</r><r>…</r></is>`), so `**Walmart** Stores` read as
 * `Stores`. It also decodes UTF-8 per chunk, splitting a character that straddles two chunks; the text here is
 * decoded as one stream. The hook is exceljs-internal: the rich-text test fails if an upgrade moves it.
 */
async function workbookReader(path: string, options: ReaderOptions): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  // Loaded on first use: exceljs costs ~0.3 s of start-up that a CSV run does not need.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(path, options);
  const internal = reader as unknown as WorksheetParsing;
  const parse = internal._parseWorksheet.bind(reader);
  if (typeof parse !== 'function') throw new Error('exceljs: the streaming reader has no _parseWorksheet step');
  internal._parseWorksheet = (iterator, sheetNo) => parse(joinInlineRuns(iterator), sheetNo);
  return reader;
}

/**
 * Worksheet XML with every inline string's runs joined into one `<t>`, phonetic guides (`<rPh>`) dropped,
 * decoded as one UTF-8 stream. An `<is>` element cut by a chunk boundary waits for its end.
 * @example '<is><r><t>Walmart </t></r><r><t>Stores</t></r></is>' → '<is><t xml:space="preserve">Walmart Stores</t></is>'
 */
export async function* joinInlineRuns(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  const flush = (text: string, final: boolean): string => {
    let out = '';
    let at = 0;
    for (;;) {
      const open = text.indexOf('<is>', at);
      if (open < 0) {
        // Keep a tail that could be the start of `<is>` for the next chunk.
        const keep = final ? text.length : Math.max(at, text.length - 3);
        out += text.slice(at, keep);
        pending = text.slice(keep);
        return out;
      }
      const close = text.indexOf('</is>', open);
      if (close < 0) {
        out += text.slice(at, open);
        pending = text.slice(open);
        return out;
      }
      out += text.slice(at, open) + joinedInlineString(text.slice(open + 4, close));
      at = close + 5;
    }
  };
  for await (const chunk of chunks) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    pending = '';
    const out = flush(text, false);
    if (out.length > 0) yield out;
  }
  const rest = flush(pending + decoder.decode(), true);
  if (rest.length > 0) yield rest;
}

/**
 * The inside of one `<is>`: the text of its `<t>` elements outside phonetic runs, as a single `<t>`. exceljs
 * XML-decodes inline text a second time after its XML parser did, so a cell reading `&amp;` came out as `&`:
 * the joined text is escaped twice, and the two decodings give it back exactly.
 */
function joinedInlineString(inner: string): string {
  const runs = inner
    .replaceAll(/<rPh\b[\s\S]*?<\/rPh>/g, '')
    .matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g);
  const text = [...runs].map((m) => decodeXmlText(m[1] ?? '')).join('');
  return `<is><t xml:space="preserve">${escapeXmlText(escapeXmlText(text))}</t></is>`;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data → text: the five named entities and numeric references. */
function decodeXmlText(raw: string): string {
  return raw.replaceAll(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

function escapeXmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text of one cell value as exceljs gives it. Dates come from date-formatted cells (UTC wall time in Excel). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
      hyperlink?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}
