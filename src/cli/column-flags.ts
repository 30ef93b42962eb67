import { UsageError } from '../core/errors.js';

/** `--col account_name="Account Name"` flags → { field: header } (SPEC §2.1 step 1). */
export function parseColumnFlags(flags: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`--col ${flag}: write it as field=Header, e.g. --col account_name="Account Name".`);
    const field = flag.slice(0, eq).trim();
    let header = flag.slice(eq + 1).trim();
    if (header.length >= 2 && header.startsWith('"') && header.endsWith('"')) header = header.slice(1, -1);
    overrides[field] = header;
  }
  return overrides;
}
