import { generateDataset } from './src/generate/index.js';
const rows = Number(process.argv[2] ?? 5000);
const t = performance.now();
const r = await generateDataset({ rows, seed: 7, out: `/tmp/cjgen/a-${rows}.csv`, truth: `/tmp/cjgen/t-${rows}.csv` });
console.log(r, ((performance.now() - t) / 1000).toFixed(2), 's', 'rss MB', Math.round(process.memoryUsage().rss / 1e6));
