// The package mirror on these machines serves only linux-x64 builds of @biomejs/cli-* and
// @duckdb/node-bindings-*, so `npm install` leaves the other platforms' optional packages out of the lock and
// `npm ci` then refuses the lock. This adds their entries (platform fields only, no tarball): npm ci skips
// them on linux-x64 and a machine with the full registry resolves them. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const families = [
  { prefix: '@biomejs/cli-', parent: 'node_modules/@biomejs/biome', license: 'MIT OR Apache-2.0' },
  { prefix: '@duckdb/node-bindings-', parent: 'node_modules/@duckdb/node-bindings', license: 'MIT' },
];
let added = 0;
for (const { prefix, parent, license } of families) {
  const optional = lock.packages[parent]?.optionalDependencies ?? {};
  for (const [name, version] of Object.entries(optional)) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] !== undefined) continue;
    const platform = name.slice(prefix.length).split('-');
    const entry = { version, cpu: [platform[1]], license, optional: true, os: [platform[0]] };
    if (platform[2] === 'musl') entry.libc = ['musl'];
    else if (platform[0] === 'linux') entry.libc = ['glibc'];
    lock.packages[key] = entry;
    added++;
  }
}
// npm orders lock keys with localeCompare('en') (`string_decoder` before `string-width`); any other order is
// rewritten by the next `npm install`, leaving a fresh clone dirty (issue 12 defect 1).
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
lock.packages = sorted;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries`);
