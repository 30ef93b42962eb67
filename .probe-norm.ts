import { createNormaliser } from './src/core/normalise/index.js';
import { DEFAULT_NORMALISE_OPTIONS } from './test/unit/normalise-options.js';
const f = createNormaliser(DEFAULT_NORMALISE_OPTIONS);
for (const s of process.argv.slice(2)) { const r = f(s); console.log(JSON.stringify(s), '→', JSON.stringify({b:r.name_base,c:r.name_core,s:r.suffix_class,u:r.name_unit,m:r.has_multiple_names,a:r.aliases})); }
