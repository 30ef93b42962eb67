import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Manifest } from '../pipeline/manifest.js';

/** A run's effective config as the current schema reads it, or null when it no longer parses. */
export function recordedConfig(manifest: Manifest): Config | null {
  try {
    return parseConfig(manifest.config ?? {}, `run ${manifest.run_id}`);
  } catch {
    return null;
  }
}

/** A run's effective config, or the defaults (no run, or an older run's config). */
export function configOrDefaults(manifest: Manifest | null): Config {
  return (manifest === null ? null : recordedConfig(manifest)) ?? parseConfig({}, 'defaults');
}
