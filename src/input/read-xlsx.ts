import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { InputError } from './input-error.js';
import { checkInputFile, hashAndCheckUtf8, type RowSink, type SourceFacts, uniqueHeaders } from './read-source.js';

/**
 * Stream the first sheet (or `sheet`) of an XLSX workbook row by row (SPEC §2), never holding the workbook
 * in memory. Every cell becomes text: date cells as ISO dates, numbers without float noise.
 */
export async function readXlsx(path: string, sheet: string | null, sink: RowSink): Promise<SourceFacts> {
  const info = await checkInputFile(path);
  const { sha256 } = await hashAndCheckUtf8(path);
  const warnings: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
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
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
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

/** Text of one cell value as exceljs gives it. Dates come from date-formatted cells (UTC wall time in Excel). */
export function cellText(value: unknown): string {
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
