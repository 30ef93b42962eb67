/**
 * Sorts `list[start, end)` ascending in place: an insertion sort for the usual handful (a key's partners, a token's
 * typo neighbours), the native sort beyond, whose subarray and call cost more than a short list's sort.
 */
export function sortAscending(list: Int32Array, start: number, end: number): void {
  if (end - start > 24) {
    list.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= start && (list[j] as number) > v) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = v;
  }
}
