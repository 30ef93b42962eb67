import { readFile, rm } from 'node:fs/promises';
import {
  DISPOSITION_CODE,
  DISPOSITION_REASONS,
  DISPOSITIONS,
  JOIN_REASON_CODE,
  JOIN_REASONS,
  NAME_CLASSES,
} from '../core/column-codes.js';
import { dictionaryCodes } from '../core/dictionary-codes.js';
import { junkKindOf } from '../core/junk/junk-kind.js';
import { sortByCodePoint } from '../core/metrics/code-points.js';
import { type ReasonDetail, reasonText } from '../core/reason-text.js';
import type { Disposition, JoinReason } from '../core/vocabulary.js';
import type { Engine } from '../engine/database.js';
import {
  CANONICAL_COLUMNS,
  canonicalColumnsSql,
  EVIDENCE_FIELDS,
  type SourceLayout,
  TRIMMED_CANONICAL_COLUMNS,
} from '../engine/ingest-load.js';
import { loadSharedColumns } from '../engine/load-columns.js';
import { PARQUET_OPTIONS, ROW_GROUP_ROWS } from '../engine/parquet-options.js';
import { parquetRowGroupRows, zipParquetColumns } from '../engine/parquet-zip.js';
import { sqlIdent, sqlString } from '../engine/sql-quote.js';
import type { IngestFacts, RunInput } from './ingest.js';
import { HAS_MULTIPLE_NAMES, HAS_PARENTHESES, HAS_SEMICOLON } from './normalise.js';
import { releaseGarbage } from './release-garbage.js';
import type { Stage, StageContext } from './runner.js';
import { loadArtifact } from './stage-io.js';

/** Columns the pipeline adds before the source columns in records.parquet (SPEC §12). */
export const RECORD_COLUMNS = [
  'row_index',
  ...CANONICAL_COLUMNS,
  'name_raw',
  'name_base',
  'name_core',
  'suffix_class',
  'name_tokens',
  'name_unit',
  'name_location',
  'has_parentheses',
  'has_semicolon',
  'has_multiple_names',
  'aliases',
  'name_class',
  'blacklist_terms',
  'group_id',
  'group_size',
  'is_primary',
  'primary_account_id',
  'parent_in_group',
  'join_reason',
  'join_edge_score',
  'edge_to_primary',
  'shared_tokens_count',
  'survivorship_reason',
  'suffix_conflict',
  'alias_matches_other_group',
  'disposition',
  'disposition_reason',
  'disposition_reason_text',
] as const;

const MERGE_PREVIEW_FIELDS = ['account_name', 'relationship', 'created_date', ...EVIDENCE_FIELDS] as const;

/**
 * SPEC §1 stage `stats`: the per-record table (records.parquet) and one row per group with sizes,
 * disposition counts, edge range, flags and the merge preview (groups.parquet) — relational work, in DuckDB.
 */
export const statsStage: Stage<RunInput> = {
  name: 'stats',
  module: import.meta.url,
  usesEngine: true,
  inputs: [
    'canonical.bin',
    'source.parquet',
    'ingest.json',
    'names.bin',
    'classes.bin',
    'grouping.bin',
    'survive.bin',
    'alias.bin',
    'dispose.bin',
  ],
  outputs: ['records.parquet', 'groups.parquet'],
  configKeys: ['merge_preview'],
  async run(ctx) {
    // This stage is the run's memory peak: what only the write stage reads (keys, scored pairs) waits on disk
    // rather than in memory, and the garbage of earlier stages goes first (issue 14: at 1M records 150 MB of
    // artifacts and 155 MB of garbage, the peak's gap over a `--from stats` run).
    for (const artifact of [...ctx.memo.keys()]) if (!statsStage.inputs.includes(artifact)) ctx.memo.delete(artifact);
    releaseGarbage();
    const facts = JSON.parse(await readFile(ctx.input('ingest.json'), 'utf8')) as IngestFacts;
    const layout: SourceLayout = {
      headers: facts.headers,
      mapping: facts.mapping.mapping,
      syntheticIds: facts.mapping.syntheticIds,
    };
    // groups.parquet reads only rec_members, rec_summary and rec_groups, so a second connection builds it while
    // this one appends the other tables (JS, one core) and then writes records.parquet (one core: a positional scan
    // has one reader) — issue 14. Each statement gets its share of the threads, so the two do not crowd out each
    // other. The merge previews, the longest of the stage's statements, need three numbers a record (rec_members):
    // loaded first, they start at once (issue 14: loading rec_groups and rec_summary first held them back 1.4 s at
    // 1M records).
    await ctx.engine.shareThreadsBetween(2);
    const members = await loadPreviewMembers(ctx);
    const side = await ctx.engine.connect();
    let summaryLoaded: () => void = () => undefined;
    let summaryFailed: (error: unknown) => void = () => undefined;
    const summary = new Promise<void>((resolve, reject) => {
      summaryLoaded = resolve;
      summaryFailed = reject;
    });
    // Awaited by writeGroups, or settled as failed before anything waits on it.
    summary.catch(() => undefined);
    try {
      const outcomes = await Promise.allSettled([
        writeGroups(side, ctx, layout, summary),
        (async () => {
          // Released once its columns are in DuckDB: the load's closure holds every artifact it read.
          let detail: (() => Promise<void>) | null;
          try {
            detail = await loadRecordColumns(ctx, members);
            summaryLoaded();
          } catch (error) {
            summaryFailed(error);
            throw error;
          }
          await detail();
          // From here on the columns live in DuckDB; let the JS copies go before the big write (SPEC §14 memory).
          detail = null;
          for (const artifact of ['names.bin', 'classes.bin', 'dispose.bin']) ctx.memo.delete(artifact);
          releaseGarbage();
          await writeRecords(ctx.engine, ctx, layout);
        })(),
      ]);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    } finally {
      side.close();
    }
    await ctx.engine.run(
      'cleaning up',
      'DROP TABLE rec_members; DROP TABLE rec_summary; DROP TABLE IF EXISTS rec_detail; DROP TABLE rec_groups',
    );
    return {};
  },
};

/** A record's group size and whether it is its group's primary (1), in row order. */
interface RecordGroups {
  groupSize: Int32Array;
  isPrimary: Uint8Array;
}

/** Loads rec_members: each record's group, its size and whether the record is its primary (the merge previews). */
async function loadPreviewMembers(ctx: StageContext<RunInput>): Promise<RecordGroups> {
  const grouping = await loadArtifact(ctx, 'grouping.bin');
  const survive = await loadArtifact(ctx, 'survive.bin');
  const component = grouping.component;
  const n = component.length;
  const isPrimary = new Uint8Array(n);
  const groupSize = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = component[i] as number;
    groupSize[i] = grouping.groupSize[g] as number;
    isPrimary[i] = survive.primary[g] === i ? 1 : 0;
  }
  await loadSharedColumns(ctx.engine, 'rec_members', n, [
    { name: 'component', type: 'INTEGER', values: component },
    { name: 'group_size', type: 'INTEGER', values: groupSize },
    { name: 'is_primary', type: 'BOOLEAN', values: isPrimary },
  ]);
  return { groupSize, isPrimary };
}

/**
 * Loads rec_groups and rec_summary (what groups.parquet reads beside the merge previews) and returns the load of
 * rec_detail (what only records.parquet reads), to run while groups.parquet is built.
 */
async function loadRecordColumns(ctx: StageContext<RunInput>, members: RecordGroups): Promise<() => Promise<void>> {
  const records = await loadArtifact(ctx, 'canonical.bin');
  const names = await loadArtifact(ctx, 'names.bin');
  const classes = await loadArtifact(ctx, 'classes.bin');
  const grouping = await loadArtifact(ctx, 'grouping.bin');
  const survive = await loadArtifact(ctx, 'survive.bin');
  const alias = await loadArtifact(ctx, 'alias.bin');
  const dispose = await loadArtifact(ctx, 'dispose.bin');
  const n = records.accountId.length;
  const component = grouping.component;
  const groupCount = grouping.summary.json.groupCount;
  const groupIdOf = (g: number): string => `g-${records.accountId[survive.groupIdRecord[g] as number]}`;
  // Most records have no blacklist term: '' travels as NULL and reads back as an empty list.
  const termsJson = new Array<string>(n).fill('');
  const terms = new Map<number, string[]>(classes.blacklistTerms.json);
  for (const [row, list] of terms) if (list.length > 0) termsJson[row] = JSON.stringify(list);
  const flags = names.flags;
  const bit = (mask: number): Uint8Array => {
    const set = new Uint8Array(n);
    for (let i = 0; i < n; i++) set[i] = ((flags[i] as number) & mask) !== 0 ? 1 : 0;
    return set;
  };
  const groupIds = Array.from({ length: groupCount }, (_v, g) => groupIdOf(g));
  // groups.parquet lists the groups by id (as DuckDB orders text: by code point). Ranked here, where the ids are
  // made, its COPY sorts a number a group rather than its id (issue 14: 2.4 -> 1.9 s of that COPY at 1M records).
  const byId = sortByCodePoint(
    Int32Array.from({ length: groupCount }, (_v, g) => g),
    groupIds,
  );
  const groupOrder = new Int32Array(groupCount);
  byId.forEach((g, rank) => {
    groupOrder[g] = rank;
  });
  const primaryAccountIds = Array.from(survive.primary, (row) => records.accountId[row] as string);
  // Group-level values once per group, for groups.parquet.
  await loadSharedColumns(ctx.engine, 'rec_groups', groupCount, [
    { name: 'component', type: 'INTEGER', values: Int32Array.from({ length: groupCount }, (_v, g) => g) },
    { name: 'group_id', type: 'VARCHAR', values: groupIds },
    { name: 'group_order', type: 'INTEGER', values: groupOrder },
    { name: 'group_size', type: 'INTEGER', values: grouping.groupSize },
    { name: 'primary_row', type: 'INTEGER', values: survive.primary },
    { name: 'primary_account_id', type: 'VARCHAR', values: primaryAccountIds },
    {
      name: 'primary_name',
      type: 'VARCHAR',
      values: Array.from(survive.primary, (row) => records.accountName[row] as string),
    },
    { name: 'survivorship_reason', type: 'VARCHAR', values: survive.survivorshipReason },
    { name: 'weak_bridge', type: 'BOOLEAN', values: survive.weakBridge },
  ]);
  const parentInGroup = new Array<string>(n);
  const rowIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rowIndex[i] = i;
    const parent = survive.parent[i] as number;
    parentInGroup[i] = parent >= 0 ? (records.accountId[parent] as string) : '';
  }
  await loadSharedColumns(ctx.engine, 'rec_summary', n, [
    { name: 'row_index', type: 'INTEGER', values: rowIndex },
    { name: 'component', type: 'INTEGER', values: component },
    { name: 'group_size', type: 'INTEGER', values: members.groupSize },
    { name: 'is_primary', type: 'BOOLEAN', values: members.isPrimary },
    { name: 'name_core', type: 'VARCHAR', values: names.nameCore },
    { name: 'name_unit', type: 'VARCHAR', values: names.nameUnit, nullIfEmpty: true },
    { name: 'terms_json', type: 'VARCHAR', values: termsJson, nullIfEmpty: true },
    { name: 'join_reason_code', type: 'UTINYINT', values: survive.joinReason },
    { name: 'edge_to_primary', type: 'DOUBLE', values: survive.edgeToPrimary },
    { name: 'suffix_conflict', type: 'BOOLEAN', values: dispose.suffixConflict },
    { name: 'alias_matches_other_group', type: 'BOOLEAN', values: alias.aliasMatchesOtherGroup },
    { name: 'disposition_code', type: 'UTINYINT', values: dispose.disposition },
  ]);
  return async () => {
    // Reason texts and alias lists only records.parquet reads: rendered here, after rec_summary, so the merge
    // previews on the side connection start without waiting for them (issue 14). No alias: '' travels as NULL.
    const aliasesJson = new Array<string>(n).fill('');
    const reasonWords = new Array<string>(n);
    const aliasesByRow = new Map<number, { text: string; source: string }[]>();
    for (const [row, text, source] of names.aliases.json) {
      const list = aliasesByRow.get(row) ?? [];
      if (list.length === 0) aliasesByRow.set(row, list);
      list.push({ text, source });
    }
    for (const [row, list] of aliasesByRow) aliasesJson[row] = JSON.stringify(list);
    const aliasHit = new Map<number, { alias: string; matchedGroupId: string }>();
    for (let m = 0; m < alias.record.length; m++) {
      const row = alias.record[m] as number;
      if (aliasHit.has(row)) continue;
      aliasHit.set(row, {
        alias: alias.alias[m] as string,
        matchedGroupId: groupIdOf(component[alias.matchedRecord[m] as number] as number),
      });
    }
    const junkEvidence = new Map<number, string[]>(classes.junkEvidence.json);
    const activityColumns = dispose.activityColumns.json;
    const suffix = dictionaryCodes(names.suffixClass);
    const dominant = dictionaryCodes(dispose.dominantClass);
    // Reason words repeat: render each distinct (code, details) once. Most records name no blacklist term, alias hit
    // or junk evidence: their words follow from four codes, looked up as one number instead of a string key built
    // and hashed per record (issue 14: a quarter of a second of the stage's critical path at 1M records).
    const renderedPlain = new Map<number, string>();
    const NONE: string[] = [];
    const rendered = new Map<string, string>();
    const detailOf = (
      i: number,
      hit: { alias: string; matchedGroupId: string } | undefined,
      recordTerms: string[],
      evidence: string[],
    ): ReasonDetail => ({
      terms: recordTerms,
      suffixClass: names.suffixClass[i] as string,
      dominantClass: dispose.dominantClass[component[i] as number] as string,
      alias: hit?.alias,
      matchedGroupId: hit?.matchedGroupId,
      // Issue 11: why a junk name is junk.
      junkKind: junkKindOf(classes.junkKind[i] as number),
      evidence,
      activityColumns,
    });
    for (let i = 0; i < n; i++) {
      const g = component[i] as number;
      const reasonCode = dispose.reason[i] as number;
      const code = DISPOSITION_REASONS[reasonCode] as (typeof DISPOSITION_REASONS)[number];
      const hit = aliasHit.get(i);
      const recordTerms = terms.get(i) ?? NONE;
      const evidence = junkEvidence.get(i) ?? NONE;
      let text: string | undefined;
      if (hit === undefined && recordTerms.length === 0 && evidence.length === 0) {
        const plain =
          ((reasonCode * 256 + (classes.junkKind[i] as number)) * suffix.labels.length + (suffix.codes[i] as number)) *
            dominant.labels.length +
          (dominant.codes[g] as number);
        text = renderedPlain.get(plain);
        if (text === undefined) {
          text = reasonText(code, detailOf(i, hit, recordTerms, evidence));
          renderedPlain.set(plain, text);
        }
      } else {
        const detail = detailOf(i, hit, recordTerms, evidence);
        const key = `${code}\u0000${recordTerms.join('|')}\u0000${detail.suffixClass}\u0000${detail.dominantClass}\u0000${hit?.alias ?? ''}\u0000${hit?.matchedGroupId ?? ''}\u0000${detail.junkKind ?? ''}\u0000${evidence.join('|')}`;
        text = rendered.get(key);
        if (text === undefined) {
          text = reasonText(code, detail);
          rendered.set(key, text);
        }
      }
      reasonWords[i] = text;
    }
    // Suffix classes, survivorship reasons and reason texts repeat (about 20, 4K and 4K distinct at 1M records):
    // ENUM columns, a code a record. Looked up in lists of labels instead, cross-joined into every chunk, they cost
    // the single-threaded write 2.2 s at 1M; as strings, ~100 MB more of the stage's peak (issue 14).
    // Coded per group (a group's records share its reason), then spread to the records.
    const survivorship = dictionaryCodes(survive.survivorshipReason);
    const reason = dictionaryCodes(reasonWords);
    const rawChanged = new Uint8Array(n);
    const changedRaw = new Array<string>(n);
    // Group-level values per record; loops, as typed-array `from` with a mapper is slow per element (issue 14).
    const groupIdOfRecord = new Array<string>(n);
    const primaryOfRecord = new Array<string>(n);
    const survivorshipOfRecord = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const raw = names.nameRaw[i] as string;
      const changed = raw !== records.accountName[i];
      rawChanged[i] = changed ? 1 : 0;
      changedRaw[i] = changed ? raw : '';
      const g = component[i] as number;
      groupIdOfRecord[i] = groupIds[g] as string;
      primaryOfRecord[i] = primaryAccountIds[g] as string;
      survivorshipOfRecord[i] = survivorship.codes[g] as number;
    }
    // Group-level values travel per record in row order rather than being looked up by component in lists of
    // rec_groups' values: records.parquet is then a positional join of tables already in row order, streamed
    // without a sort (issue 14: stats was the memory peak), and no 150K-entry list is copied into every chunk
    // (a cross product with a one-row table of lists cost 3.2 s at 1M).
    await loadSharedColumns(ctx.engine, 'rec_detail', n, [
      { name: 'group_id', type: 'VARCHAR', values: groupIdOfRecord },
      { name: 'primary_account_id', type: 'VARCHAR', values: primaryOfRecord },
      { name: 'survivorship_reason', type: 'ENUM', values: survivorshipOfRecord, labels: survivorship.labels },
      { name: 'parent_in_group', type: 'VARCHAR', values: parentInGroup, nullIfEmpty: true },
      // The raw name is the account name trimmed: only a name that trimming changed crosses (issue 14: one string
      // a record fewer through the Appender).
      { name: 'name_raw_changed', type: 'BOOLEAN', values: rawChanged },
      { name: 'name_raw', type: 'VARCHAR', values: changedRaw, nullIfEmpty: true },
      { name: 'name_base', type: 'VARCHAR', values: names.nameBase },
      { name: 'suffix_class', type: 'ENUM', values: suffix.codes, labels: suffix.labels },
      { name: 'name_location', type: 'VARCHAR', values: names.nameLocation, nullIfEmpty: true },
      { name: 'has_parentheses', type: 'BOOLEAN', values: bit(HAS_PARENTHESES) },
      { name: 'has_semicolon', type: 'BOOLEAN', values: bit(HAS_SEMICOLON) },
      { name: 'has_multiple_names', type: 'BOOLEAN', values: bit(HAS_MULTIPLE_NAMES) },
      { name: 'aliases_json', type: 'VARCHAR', values: aliasesJson, nullIfEmpty: true },
      { name: 'name_class_code', type: 'UTINYINT', values: classes.nameClass },
      { name: 'join_edge_score', type: 'DOUBLE', values: survive.joinEdgeScore },
      { name: 'shared_tokens_count', type: 'DOUBLE', values: survive.sharedTokensCount },
      { name: 'disposition_reason_code', type: 'UTINYINT', values: dispose.reason },
      { name: 'disposition_reason_text', type: 'ENUM', values: reason.codes, labels: reason.labels },
    ]);
  };
}

/** `CASE code WHEN 0 THEN 'a' …` for a code column, from the shared code tables. */
function decode(column: string, labels: readonly string[]): string {
  return `CASE ${column} ${labels.map((label, code) => `WHEN ${code} THEN ${sqlString(label)}`).join(' ')} END`;
}

/** Source headers as they appear in records.parquet: a header that collides with our columns gets `source:`. */
export function sourceColumnNames(headers: readonly string[]): string[] {
  const taken = new Set<string>([...RECORD_COLUMNS, 'weak_bridge'].map((c) => c.toLowerCase()));
  return headers.map((h) => {
    let name = taken.has(h.toLowerCase()) ? `source:${h}` : h;
    while (taken.has(name.toLowerCase())) name = `${name}_`;
    taken.add(name.toLowerCase());
    return name;
  });
}

async function writeRecords(engine: Engine, ctx: StageContext<RunInput>, layout: SourceLayout): Promise<void> {
  const sourceNames = sourceColumnNames(layout.headers);
  const source = ctx.input('source.parquet');
  const out = ctx.output('records.parquet');
  // The source columns are encoded in source.parquet already: when its row groups are the ones this COPY writes
  // (full groups of ROW_GROUP_ROWS, as one positional scan writes them), the computed columns are written alone and
  // the source columns' pages copied in beside them (issue 14: a third of this single-threaded COPY at 1M records).
  const groups = await parquetRowGroupRows(source);
  if (groups.slice(0, -1).every((rows) => rows === BigInt(ROW_GROUP_ROWS))) {
    const computed = `${out}.computed`;
    await engine.run('writing records.parquet', recordsCopySql(ctx, layout, [], computed));
    const added = sourceNames.map((name, i) => ({ from: `c${i}`, as: name }));
    if (await zipParquetColumns(computed, source, added, out)) return;
    await rm(computed, { force: true });
  }
  const sourceSelect = sourceNames.map((name, i) => `s.c${i} AS ${sqlIdent(name)}`);
  await engine.run('writing records.parquet', recordsCopySql(ctx, layout, sourceSelect, out));
}

/** The COPY of records.parquet's columns, then `sourceSelect` (the source columns, or none), to `path`. */
function recordsCopySql(
  ctx: StageContext<RunInput>,
  layout: SourceLayout,
  sourceSelect: readonly string[],
  path: string,
): string {
  const canonical = canonicalColumnsSql(layout);
  const canonicalSelect = CANONICAL_COLUMNS.map((f) => `${canonical[f]} AS ${f}`).join(', ');
  // rec_summary, rec_detail and source.parquet all hold one row per record in row_index order: a positional join
  // needs no hash table and no sort, so the file streams out in row groups (issue 14).
  return `COPY (
      SELECT CASE WHEN r.row_index = s.row_index THEN r.row_index
                  ELSE error('records.parquet: computed and source rows are out of step') END AS row_index,
             ${canonicalSelect},
             CASE WHEN d.name_raw_changed THEN coalesce(d.name_raw, '') ELSE ${canonical.account_name} END AS name_raw, d.name_base, r.name_core, d.suffix_class::VARCHAR AS suffix_class,
             CASE WHEN r.name_core = '' THEN []::VARCHAR[] ELSE string_split(r.name_core, ' ') END AS name_tokens,
             r.name_unit, d.name_location, d.has_parentheses, d.has_semicolon, d.has_multiple_names,
             coalesce(from_json(d.aliases_json, '[{"text":"VARCHAR","source":"VARCHAR"}]'),
                      []::STRUCT("text" VARCHAR, "source" VARCHAR)[]) AS aliases,
             ${decode('d.name_class_code', NAME_CLASSES)} AS name_class,
             coalesce(from_json(r.terms_json, '["VARCHAR"]'), []::VARCHAR[]) AS blacklist_terms,
             d.group_id, r.group_size, r.is_primary, d.primary_account_id, d.parent_in_group,
             ${decode('r.join_reason_code', JOIN_REASONS)} AS join_reason,
             d.join_edge_score, r.edge_to_primary, d.shared_tokens_count::INTEGER AS shared_tokens_count,
             d.survivorship_reason::VARCHAR AS survivorship_reason,
             r.suffix_conflict, r.alias_matches_other_group,
             ${decode('r.disposition_code', DISPOSITIONS)} AS disposition,
             ${decode('d.disposition_reason_code', DISPOSITION_REASONS)} AS disposition_reason,
             d.disposition_reason_text::VARCHAR AS disposition_reason_text
             ${sourceSelect.map((column) => `, ${column}`).join('')}
      FROM rec_summary r
      POSITIONAL JOIN rec_detail d
      POSITIONAL JOIN read_parquet(${sqlString(ctx.input('source.parquet'))}) s
    ) TO ${sqlString(path)} (${PARQUET_OPTIONS})`;
}

/**
 * groups.parquet from the narrow tables (rec_summary, rec_groups) and the canonical and source columns the merge
 * preview compares — never from records.parquet, so it can be written while that file is. Groups are keyed by
 * their component number inside the queries and named once at the end.
 */
async function writeGroups(
  engine: Engine,
  ctx: StageContext<RunInput>,
  layout: SourceLayout,
  summary: Promise<void>,
): Promise<void> {
  const sourceNames = sourceColumnNames(layout.headers);
  const extras = ctx.config.merge_preview.extra_fields.filter((f) => sourceNames.includes(f));
  const fields = [...MERGE_PREVIEW_FIELDS, ...extras];
  // A group's entries in field order, fields without a value left out: one filtered pick per field instead of
  // sorting a list of nested structs (issue 14: that sort was most of the stage at 1M records).
  const previewEntry = (f: string): string =>
    `any_value({'field': field, 'primary_value': primary_value, 'others': others,
                'conflict': (primary_value IS NOT NULL AND len(others) > 0) OR len(others) > 1}) FILTER (WHERE field = ${sqlString(f)})`;
  const canonical: Partial<Record<string, string>> = canonicalColumnsSql(layout);
  // Relationship and evidence are trimmed text already (blank as NULL); other fields are trimmed here.
  const text = (f: string): string =>
    TRIMMED_CANONICAL_COLUMNS.has(f)
      ? (canonical[f] as string)
      : `nullif(trim(CAST(${canonical[f] ?? `s.c${sourceNames.indexOf(f)}`} AS VARCHAR)), '')`;
  const asText = fields.map((f) => `${text(f)} AS ${sqlIdent(f)}`).join(', ');
  const disposition = (label: Disposition): string =>
    `count(*) FILTER (WHERE disposition_code = ${DISPOSITION_CODE[label]})::INTEGER`;
  // Merge preview (SPEC §8), once per multi-record group: per field the primary's value, the other values with counts.
  await engine.run(
    'building merge previews',
    `CREATE OR REPLACE TEMP TABLE merge_previews AS
     WITH cells AS (
       UNPIVOT (SELECT r.component, r.is_primary, ${asText}
                FROM rec_members r POSITIONAL JOIN read_parquet(${sqlString(ctx.input('source.parquet'))}) s
                WHERE r.group_size > 1)
       ON ${fields.map(sqlIdent).join(', ')} INTO NAME field VALUE value),
     counted AS (SELECT component, field, value, count(*) AS n, bool_or(is_primary) AS is_primary_value FROM cells GROUP BY ALL),
     per_field AS (
       SELECT component, field,
              max(value) FILTER (WHERE is_primary_value) AS primary_value,
              -- Most frequent first, then by value: sort structs keyed (−count, value) instead of an ordered aggregate.
              list_transform(
                list_sort(coalesce(list({'k': -n, 'value': value}) FILTER (WHERE NOT is_primary_value), [])),
                x -> {'value': x.value, 'count': -x.k}) AS others
       FROM counted GROUP BY component, field)
     SELECT component, list_filter([${fields.map(previewEntry).join(', ')}], x -> x IS NOT NULL) AS merge_preview
     FROM per_field
     GROUP BY component`,
  );
  const joinReason = (labels: readonly JoinReason[]): string =>
    `(${labels.map((label) => JOIN_REASON_CODE[label]).join(', ')})`;
  await summary;
  await engine.run(
    'writing groups.parquet',
    `COPY (
      SELECT w.group_id, g.size, g.distinct_cores, g.units, w.primary_account_id, w.primary_name, w.survivorship_reason,
             g.keep_count, g.update_count, g.delete_count, g.verify_count, g.min_edge, g.max_edge, g.all_exact,
             g.has_medium_edge, g.suffix_conflict, g.has_alias_matches, g.blacklist_hits, w.weak_bridge, p.merge_preview
      FROM (
        SELECT component,
               count(*)::INTEGER AS size,
               count(DISTINCT name_core) FILTER (WHERE name_core <> '')::INTEGER AS distinct_cores,
               count(DISTINCT name_unit)::INTEGER AS units,
               ${disposition('Keep')} AS keep_count,
               ${disposition('Update')} AS update_count,
               ${disposition('Delete')} AS delete_count,
               ${disposition('Verify')} AS verify_count,
               min(edge_to_primary) AS min_edge,
               max(edge_to_primary) AS max_edge,
               bool_and(join_reason_code IN ${joinReason(['primary', 'exact_name'])}) AS all_exact,
               bool_or(join_reason_code IN ${joinReason(['edge>=medium+shared_token'])}) AS has_medium_edge,
               bool_or(suffix_conflict) AS suffix_conflict,
               bool_or(alias_matches_other_group) AS has_alias_matches,
               bool_or(terms_json IS NOT NULL) AS blacklist_hits
        FROM rec_summary GROUP BY component) g
      JOIN rec_groups w USING (component)
      LEFT JOIN merge_previews p USING (component)
      ORDER BY w.group_order
    ) TO ${sqlString(ctx.output('groups.parquet'))} (${PARQUET_OPTIONS})`,
  );
  await engine.run('cleaning up', 'DROP TABLE merge_previews');
}
