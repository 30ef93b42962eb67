import { readFileSync } from 'node:fs';
// tiny RFC4180 parser
function parse(text: string): string[][] { const out: string[][] = []; let row: string[] = []; let f = ''; let q = false; for (let i = 0; i < text.length; i++) { const c = text[i]!; if (q) { if (c === '"') { if (text[i+1] === '"') { f += '"'; i++; } else q = false; } else f += c; } else if (c === '"') q = true; else if (c === ',') { row.push(f); f = ''; } else if (c === '\r') {} else if (c === '\n') { row.push(f); out.push(row); row = []; f = ''; } else f += c; } if (f !== '' || row.length) { row.push(f); out.push(row); } return out; }
const rows = process.argv[2] ?? '20000';
const data = parse(readFileSync(`/tmp/cjgen/a-${rows}.csv`, 'utf8'));
const truth = parse(readFileSync(`/tmp/cjgen/t-${rows}.csv`, 'utf8'));
const byEnt = new Map<string, string[]>(); const kind = new Map<string,string>();
for (let i = 1; i < data.length; i++) { const e = truth[i]![1]!; kind.set(e, truth[i]![2]!); (byEnt.get(e) ?? byEnt.set(e, []).get(e)!).push(data[i]![1]!); }
const ents = [...byEnt.entries()].sort((a, b) => b[1].length - a[1].length);
for (const [e, names] of ents.slice(0, 3)) console.log(e, names.length, names.slice(0, 25).join(' | '));
console.log('--- mid');
for (const [e, names] of ents.filter(([, n]) => n.length >= 3 && n.length <= 8).slice(0, 25)) console.log(e, kind.get(e), names.join(' | '));
console.log('--- hard negatives');
for (const [e, names] of ents.filter(([e]) => kind.get(e) === 'hard_negative').slice(0, 30)) console.log(e, names.slice(0,4).join(' | '));
console.log('--- multi/junk');
console.log(data.filter((_, i) => truth[i]?.[2] === 'multi').slice(0, 15).map((r) => r[1]).join('\n'));
console.log(data.filter((_, i) => truth[i]?.[2] === 'junk').slice(0, 25).map((r) => r[1]).join(' | '));
console.log('--- random singletons');
console.log(ents.filter(([, n]) => n.length === 1).slice(0, 60).map(([, n]) => n[0]).join(' | '));
