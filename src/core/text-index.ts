import { tableSize, textHash } from './first-occurrences.js';

/**
 * Numbers for distinct texts in the order they are first added: what a `Map<string, number>` gives, through an
 * open-addressing table that keeps each text's FNV-1a hash beside its number, so a look-up compares texts only when
 * their hashes agree and the table grows without hashing a text again (issue 14: the name worker's Map of the 545K
 * distinct names of the 1M bench file, fresh strings whose hashes V8 computes and whose texts it compares, was
 * ~0.65 s of that thread). Hash a batch of texts first with `textHash`, then look them up: two tight loops.
 * @example const ix = new TextIndex(); ix.numberOf('a') → 0; ix.numberOf('b') → 1; ix.numberOf('a') → 0
 */
export class TextIndex {
  private readonly texts: string[] = [];
  /** Slot → the text's number + 1 (0 = empty), and the text's hash. */
  private slots: Int32Array;
  private slotHashes: Int32Array;

  /** `expected`: about how many distinct texts will be added, so the table need not grow on the way. */
  constructor(expected = 0) {
    this.slots = new Int32Array(tableSize(expected));
    this.slotHashes = new Int32Array(tableSize(expected));
  }

  /** Distinct texts added. */
  get size(): number {
    return this.texts.length;
  }

  /** The number of `text` (whose `textHash` is `hash`), a new one when the text was not added before. */
  numberOf(text: string, hash: number = textHash(text)): number {
    let slot = this.slotOf(text, hash);
    const held = this.slots[slot] as number;
    if (held !== 0) return held - 1;
    const number = this.texts.length;
    this.texts.push(text);
    if (tableSize(this.texts.length) > this.slots.length) {
      this.grow();
      const mask = this.slots.length - 1;
      slot = hash & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    }
    this.slots[slot] = number + 1;
    this.slotHashes[slot] = hash;
    return number;
  }

  /** The number of `text` (whose `textHash` is `hash`), or −1 when it was not added: a look-up that adds nothing. */
  find(text: string, hash: number = textHash(text)): number {
    return (this.slots[this.slotOf(text, hash)] as number) - 1;
  }

  /**
   * The number of the text `head + tail`, whose `textHash` is `hash` (`continuedTextHash` of head's), or −1 when it was
   * not added: looked up without making the joined string (issue 14: the bridge blocks' joined-word look-ups).
   */
  numberOfJoined(head: string, tail: string, hash: number): number {
    const mask = this.slots.length - 1;
    const length = head.length + tail.length;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return -1;
      if (this.slotHashes[slot] !== hash) continue;
      const text = this.texts[held - 1] as string;
      if (text.length === length && text.startsWith(head) && text.endsWith(tail)) return held - 1;
    }
  }

  /** The slot holding `text`, or the empty slot where it would go. */
  private slotOf(text: string, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const held = this.slots[slot] as number;
      if (held === 0 || (this.slotHashes[slot] === hash && this.texts[held - 1] === text)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Doubles the table, placing every number again by its kept hash. */
  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.slotHashes = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      const held = oldSlots[s] as number;
      if (held === 0) continue;
      const hash = oldHashes[s] as number;
      let slot = hash & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = held;
      this.slotHashes[slot] = hash;
    }
  }
}
