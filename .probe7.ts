import { generateDataset } from './src/generate/index.js';
console.log(await generateDataset({ rows: 1000, seed: 1, out: '/tmp/cjgen/tsx-test.csv' }));
