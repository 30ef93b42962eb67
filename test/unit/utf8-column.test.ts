import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StringColumn, Utf8Column } from '../../src/input/utf8-column.js';

test('a UTF-8 column gives back each text pushed, across many growths of its store, quotes unescaped', () => {
  const texts = Array.from({ length: 20_000 }, (_v, i) =>
    i % 11 === 0 ? '' : i % 7 === 0 ? `Café "${i}" 🍜 ${'x'.repeat(i % 300)}` : `row ${i}`,
  );
  const column = new Utf8Column();
  for (const text of texts) {
    // As a quoted CSV field holds it: `""` for each quote, inside a buffer with other bytes around it.
    const escaped = text.includes('"');
    const field = Buffer.from(`,,${escaped ? text.replaceAll('"', '""') : text},`);
    column.push(field, 2, field.length - 1, escaped);
  }
  assert.equal(column.length, texts.length);
  texts.forEach((text, i) => {
    assert.equal(column.text(i), text, `row ${i}`);
  });
  // A doubled quote is unescaped only in a field marked escaped.
  const plain = new Utf8Column();
  const bytes = Buffer.from('say ""hi""');
  plain.push(bytes, 0, bytes.length, false);
  plain.push(bytes, 0, bytes.length, true);
  assert.deepEqual([plain.text(0), plain.text(1)], ['say ""hi""', 'say "hi"']);
});

test('an empty UTF-8 column reads as empty texts, as a string column does out of range', () => {
  const empty = Utf8Column.empty(5000);
  assert.equal(empty.length, 5000);
  assert.deepEqual([empty.text(0), empty.text(4999), empty.text(5000)], ['', '', '']);
  const strings = new StringColumn(['a', 'b']);
  assert.deepEqual([strings.length, strings.text(1), strings.text(2)], [2, 'b', '']);
});
