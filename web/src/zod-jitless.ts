import { config } from 'zod';

// The server's CSP has no 'unsafe-eval' (issue 12 defect 3): zod's JIT probes `new Function` the first time an
// object schema is used, which the browser reports as a CSP violation even though zod catches the error. Imported
// first by main.tsx, so it runs before any module builds or uses a schema.
config({ jitless: true });
