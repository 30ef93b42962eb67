import { type Bundle, readBundle, writeBundle } from './bundle.js';
import type { StageContext } from './runner.js';

/**
 * Read an upstream artifact bundle: the in-process value when the producing stage ran in this process,
 * otherwise the cached file (a resumed or cached run must see exactly the same columns, SPEC §12).
 */
export async function loadArtifact<T extends Bundle>(ctx: StageContext<unknown>, artifact: string): Promise<T> {
  const held = ctx.memo.get(artifact);
  if (held !== undefined) return held as T;
  const loaded = await readBundle<T>(ctx.input(artifact));
  ctx.memo.set(artifact, loaded);
  return loaded;
}

/** Write an artifact bundle to this stage's cache folder and keep it in memory for later stages. */
export async function saveArtifact<T extends Bundle>(
  ctx: StageContext<unknown>,
  artifact: string,
  bundle: T,
): Promise<void> {
  await writeBundle(ctx.output(artifact), bundle);
  ctx.memo.set(artifact, bundle);
}

/** The JSON payload of a `{ json }` bundle column. */
export function jsonOf<T>(value: { json: unknown }): T {
  return value.json as T;
}
