import { fileURLToPath } from 'node:url';

/**
 * The labelled accuracy suite (SPEC §11; the public sets are vendored with their licence in test/fixtures/public/,
 * issue 12). Generated sets are made by `junction generate`.
 */
export interface SuiteEntry {
  name: string;
  data: string;
  truthCol?: string;
  truthFile?: string;
  generate?: { rows: number; seed: number };
}

const PUBLIC_SETS = fileURLToPath(new URL('../test/fixtures/public/', import.meta.url));

export const PUBLIC_SUITE: readonly SuiteEntry[] = [
  { name: 'patstat_reference', data: `${PUBLIC_SETS}patstat_reference.csv`, truthCol: 'leuven_id' },
  { name: 'chicago_childcare_sites', data: `${PUBLIC_SETS}chicago_childcare_sites.csv`, truthCol: 'True Id' },
  { name: 'restaurants', data: `${PUBLIC_SETS}restaurants.csv`, truthCol: 'unique_id' },
];

export const GENERATED_SUITE: readonly SuiteEntry[] = [
  { rows: 10_000, seed: 1 },
  { rows: 10_000, seed: 2 },
  { rows: 94_000, seed: 1 },
  { rows: 94_000, seed: 2 },
].map(({ rows, seed }) => ({ name: `generated-${rows / 1000}k-seed${seed}`, data: '', generate: { rows, seed } }));
