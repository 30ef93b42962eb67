/**
 * Codes into a list of distinct values, first seen first: a column of repeated strings (suffix classes, reason
 * texts) as small integers and its labels, so each distinct string is handled once.
 * @example dictionaryCodes(['LLC', 'NONE', 'LLC']) → { codes: [0, 1, 0], labels: ['LLC', 'NONE'] }
 */
export function dictionaryCodes<T extends string>(values: readonly T[]): { codes: Int32Array; labels: T[] } {
  const codes = new Int32Array(values.length);
  const labels: T[] = [];
  const seen = new Map<T, number>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as T;
    let code = seen.get(value);
    if (code === undefined) {
      code = labels.length;
      seen.set(value, code);
      labels.push(value);
    }
    codes[i] = code;
  }
  return { codes, labels };
}
