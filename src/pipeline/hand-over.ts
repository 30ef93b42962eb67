/**
 * A value one stage builds for a later stage of the same run, in this process, keyed by the artifact it was built
 * for (issue 14: the block stage builds the score stage's key store and match table while a core would wait).
 * Taken once, so the later stage can let it go; a run resumed from the cache, whose artifact is another object read
 * back from disk, finds nothing and builds its own.
 */
export class HandOver<Key extends object, Value> {
  private readonly byKey = new WeakMap<Key, Value>();

  remember(key: Key, value: Value): void {
    this.byKey.set(key, value);
  }

  /** The value remembered for `key`, once; undefined after that or when none was. */
  take(key: Key): Value | undefined {
    const value = this.byKey.get(key);
    this.byKey.delete(key);
    return value;
  }
}
