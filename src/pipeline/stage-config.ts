import { configLeafKeys } from '../config/config-keys.js';
import type { Config } from '../config/schema.js';

/** Raised when a stage reads a config key outside its `configKeys`: its cache key would not cover that key. */
export class UndeclaredConfigKeyError extends Error {
  override readonly name = 'UndeclaredConfigKeyError';
}

/**
 * The slice of the config a stage declared (issue 12 item 8), as a read-only view of the whole config: reading
 * a declared key (or anything under it) works, reading any other key throws naming it, and nothing can be
 * written. `onRead` sees every leaf read, so a test can prove each declared key is read and each leaf has a reader.
 * @example stageConfigView(config, ['thresholds'], 'group').pairs_floor → throws "stage group read config key pairs_floor …"
 */
export function stageConfigView(
  config: Config,
  keys: readonly string[],
  owner: string,
  onRead?: (key: string) => void,
): Config {
  const leaves = new Set(configLeafKeys());
  const allowed = (path: string): boolean => keys.some((k) => path === k || path.startsWith(`${k}.`));
  const onPath = (path: string): boolean => allowed(path) || keys.some((k) => k.startsWith(`${path}.`));
  const views = new Map<string, object>();

  const viewAt = (path: string, value: object): object => {
    let view = views.get(path);
    if (view !== undefined) return view;
    const childPath = (prop: string): string => (path === '' ? prop : `${path}.${prop}`);
    const read = (prop: string): unknown => {
      const key = childPath(prop);
      if (!onPath(key)) {
        throw new UndeclaredConfigKeyError(
          `stage ${owner} read config key ${key}, which is not in its configKeys (${keys.join(', ')}): declare it, so the cache key covers it`,
        );
      }
      const child = (value as Record<string, unknown>)[prop];
      if (leaves.has(key) || child === null || typeof child !== 'object') {
        onRead?.(key);
        return child;
      }
      return viewAt(key, child);
    };
    const visible = (): string[] => Object.keys(value).filter((prop) => onPath(childPath(prop)));
    const refuse = (): never => {
      throw new TypeError(`stage ${owner}: the config is read-only`);
    };
    view = new Proxy(
      {},
      {
        get: (_target, prop) => (typeof prop === 'symbol' || prop === 'toJSON' ? undefined : read(prop)),
        has: (_target, prop) => typeof prop === 'string' && onPath(childPath(prop)) && prop in value,
        ownKeys: () => visible(),
        getOwnPropertyDescriptor: (_target, prop) =>
          typeof prop === 'string' && visible().includes(prop)
            ? { value: read(prop), writable: false, enumerable: true, configurable: true }
            : undefined,
        set: refuse,
        defineProperty: refuse,
        deleteProperty: refuse,
        setPrototypeOf: refuse,
      },
    );
    views.set(path, view);
    return view;
  };
  return viewAt('', deepFreeze(structuredClone(config))) as Config;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
