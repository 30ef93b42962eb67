/**
 * One string object per distinct text. Columns read from a file, or posted from a worker thread, hold a string object
 * per row even where rows repeat a value (a relationship of 16 values, a suffix class of a dozen): at 1M records
 * millions of objects the garbage collector marks again at every full collection (issue 14).
 * @example names.intern(rowText) → the object first interned with rowText's value (equal text, one object)
 */
export class StringInterner {
  private readonly held = new Map<string, string>();

  /** The first object seen with `text`'s value. */
  intern(text: string): string {
    const held = this.held.get(text);
    if (held !== undefined) return held;
    this.held.set(text, text);
    return text;
  }
}
