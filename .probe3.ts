import { buildPools } from './src/generate/pools.js';
import { Rng } from './src/generate/random.js';
import { NameRegister, syntheticName } from './src/generate/names.js';
const pools = buildPools(7); const rng = new Rng(1);
const reg = new NameRegister(); let fails = 0; const t = performance.now();
const sample: string[] = [];
for (let i = 0; i < 430000; i++) { for(;;) { const n = syntheticName(rng, pools); if (reg.claim(n.name)) break; fails++; if (i > 400000 && sample.length < 40 && rng.chance(0.01)) sample.push(n.name); } }
console.log('fails', fails, (performance.now()-t).toFixed(0), 'ms');
console.log(sample.join(' | '));
