import { buildPools } from './src/generate/pools.js';
import { Rng } from './src/generate/random.js';
import { buildEntities, maxEntitySize } from './src/generate/entities.js';
import { layoutRows } from './src/generate/row-order.js';
const rows = Number(process.argv[2] ?? 1000000);
let t = performance.now();
const rng = new Rng(7); const pools = buildPools(7);
console.log('pools', (performance.now()-t).toFixed(0)); t = performance.now();
const ent = buildEntities(rng, pools, rows - Math.round(rows*0.015), maxEntitySize(rows));
console.log('entities', (performance.now()-t).toFixed(0), ent.count); t = performance.now();
const order = layoutRows(rng, ent, rows);
console.log('layout', (performance.now()-t).toFixed(0));
const sizes = Array.from(ent.size).sort((a,b)=>b-a);
console.log('top sizes', sizes.slice(0,15).join(' '));
const hist = new Map(); for (const s of ent.size) { const b = s>=100? '100+': s>=10? '10-99' : String(s); hist.set(b,(hist.get(b)??0)+1) }
console.log(hist);
let adj=0; for (let i=1;i<rows;i++) if (order[i]>=0 && order[i]===order[i-1]) adj++; console.log('adjacent', adj);
let hn=0, ch=0, br=0; for (let e=0;e<ent.count;e++){ if(ent.flags[e]&1) hn++; if(ent.flags[e]&2) ch++; if(ent.flags[e]&4) br++;} console.log({hn, ch, br, dba: ent.dba.size});
const bySize = Array.from({length: ent.count},(_, i)=>i).sort((a,b)=>ent.size[b]-ent.size[a]).slice(0,15).map(e=>`${ent.name[e]}:${ent.size[e]}`); console.log(bySize.join(', '));
