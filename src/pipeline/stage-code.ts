import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One import of a module: where it points and whether it only brings types (erased at run time). */
export interface ModuleImport {
  specifier: string;
  typeOnly: boolean;
  dynamic: boolean;
}

/** `import … from '…'`, `export … from '…'` and `import '…'`, across lines; group 1 is `type ` when type-only. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s*from\s*)?['"]([^'"]+)['"]/gm;
/** `import('…')` with a literal specifier, and worker entries `new URL('./x.js', import.meta.url)`. */
const DYNAMIC_IMPORT =
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)|\bnew URL\(\s*['"](\.{1,2}\/[^'"]+\.(?:js|ts))['"]\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The imports of a TypeScript or JavaScript module's text, static and dynamic (the import-boundary test and the
 * stage code hash read the same list). @example moduleImports("import type { A } from './a.js';") → [{ specifier: './a.js', typeOnly: true, dynamic: false }]
 */
export function moduleImports(text: string): ModuleImport[] {
  const out: ModuleImport[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    out.push({ specifier: m[2] as string, typeOnly: m[1] !== undefined, dynamic: false });
  }
  for (const m of text.matchAll(DYNAMIC_IMPORT)) {
    if (inComment(text, m.index)) continue;
    out.push({ specifier: (m[1] ?? m[2]) as string, typeOnly: false, dynamic: true });
  }
  return out;
}

/** True when `at` is on a comment line (`// …`, or a block comment's ` * …` line) or after `//` on its line. */
function inComment(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at) + 1, at);
  return /^\s*(?:\*|\/\*)/.test(line) || line.includes('//');
}

const fileHashes = new Map<string, Promise<string>>();
/**
 * Each module's digest and run-time imports, and import targets and package versions, shared by every stage's
 * closure: the closures overlap, and reading, hashing and parsing a module once instead of once a stage that runs it
 * took ~40 ms off the start of every run (issue 14).
 */
const modules = new Map<string, Promise<{ digest: string; imports: ModuleImport[] }>>();
const importTargets = new Map<string, Promise<string>>();
const packageVersions = new Map<string, Promise<string>>();

function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * Hash of the code a stage runs (issue 12 item 8): its module's text, the text of every local module it
 * imports at run time (transitively; type-only imports are erased, so they do not count), and the version of
 * every package they import. Read from disk at run time, so it works from the TypeScript sources under tsx
 * and from the compiled dist/ alike (the two hash differently, which only costs a cache miss). Memoised per process.
 * @example await stageCodeHash(import.meta.url) → '3f9c…' (24 hex digits)
 */
export function stageCodeHash(moduleUrl: string): Promise<string> {
  const entry = fileURLToPath(moduleUrl);
  let hash = fileHashes.get(entry);
  if (hash === undefined) {
    hash = closureHash(entry);
    fileHashes.set(entry, hash);
  }
  return hash;
}

async function readModule(file: string): Promise<{ digest: string; imports: ModuleImport[] }> {
  const text = await readFile(file, 'utf8');
  return {
    digest: createHash('sha256').update(text).digest('hex'),
    imports: moduleImports(text).filter((imported) => !imported.typeOnly),
  };
}

async function closureHash(entry: string): Promise<string> {
  const root = dirname(entry);
  const seen = new Map<string, string>();
  const packages = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    const { digest, imports } = await memo(modules, file, () => readModule(file));
    seen.set(file, digest);
    for (const { specifier: spec } of imports) {
      if (spec.startsWith('.')) {
        pending.push(await memo(importTargets, resolve(dirname(file), spec), () => localModule(file, spec)));
      } else if (!isBuiltin(spec)) {
        const name = packageName(spec);
        if (!packages.has(name)) {
          const version = memo(packageVersions, `${dirname(file)}\0${name}`, () => packageVersion(file, name));
          packages.set(name, await version);
        }
      }
    }
  }
  const hash = createHash('sha256');
  for (const file of [...seen.keys()].sort()) hash.update(`${relative(root, file)}\0${seen.get(file)}\0`);
  for (const name of [...packages.keys()].sort()) hash.update(`${name}@${packages.get(name)}\0`);
  return hash.digest('hex').slice(0, 24);
}

/** The file a relative import names: `./x.js` is `./x.js` when compiled and `./x.ts` in the sources. */
async function localModule(from: string, spec: string): Promise<string> {
  const target = resolve(dirname(from), spec);
  const candidates = [target];
  if (target.endsWith('.js')) candidates.push(`${target.slice(0, -3)}.ts`, `${target.slice(0, -3)}.tsx`);
  for (const candidate of candidates) {
    if (await exists(candidate)) return candidate;
  }
  throw new Error(`${from} imports ${spec}, which does not exist`);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** The installed version of a package, found the way Node finds it: node_modules folders upwards. */
async function packageVersion(from: string, name: string): Promise<string> {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (await exists(manifest)) {
      const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version?: string };
      return version ?? 'unversioned';
    }
    if (dirname(dir) === dir) throw new Error(`${from} imports package ${name}, which is not installed`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
