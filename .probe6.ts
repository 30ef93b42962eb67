import { buildPools } from './src/generate/pools.js';
import { Rng } from './src/generate/random.js';
import { buildEntities, maxEntitySize } from './src/generate/entities.js';
const rows = 5000; const rng = new Rng(42); const pools = buildPools(42);
const ent = buildEntities(rng, pools, rows - 75, maxEntitySize(rows));
const by = Array.from({length: ent.count}, (_, i) => i).sort((a, b) => ent.size[b]! - ent.size[a]!).slice(0, 8);
for (const e of by) console.log(ent.name[e], ent.size[e], ent.flags[e]);
