import { readFileSync } from 'node:fs';
const rows = process.argv[2] ?? '100000';
const truth = readFileSync(`/tmp/cjgen/t-${rows}.csv`, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
const kinds = new Map<string, number>(); const ent = new Map<string, number>();
for (const [, e, k] of truth) { kinds.set(k!, (kinds.get(k!) ?? 0) + 1); ent.set(e!, (ent.get(e!) ?? 0) + 1); }
console.log('rows', truth.length, 'entities', ent.size, [...kinds].map(([k, n]) => `${k}=${n} (${(100*n/truth.length).toFixed(2)}%)`).join(' '));
const sizes = [...ent.values()].sort((a, b) => b - a);
console.log('top', sizes.slice(0, 12).join(' '), 'singletons', sizes.filter((s) => s === 1).length, '2-3', sizes.filter((s) => s === 2 || s === 3).length);
let pairs = 0; for (const s of sizes) pairs += s * (s - 1) / 2; let top10 = 0; for (const s of sizes.slice(0, 10)) top10 += s * (s - 1) / 2;
console.log('true pairs', pairs, 'in top10', top10);
