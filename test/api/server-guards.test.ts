/**
 * Issue 12 defects 2, 3 and 10 through the server: the Host allowlist (DNS rebinding), the security headers on
 * every response, a full disk answered with 507 and no acknowledgement, and reads answered in parallel.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { JOURNAL_FILE, readJournal } from '../../src/journal/journal-file.js';
import { allowedHostNames, hostName } from '../../src/server/host-allowlist.js';
import { SECURITY_HEADERS } from '../../src/server/security-headers.js';
import { buildServer, startReviewServer } from '../../src/server/server.js';
import { FillingDisk } from '../journal/support/filling-disk.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';

const INPUT = [
  'Account ID,Account Name',
  '001A,Acme Staffing LLC',
  '001B,Acme Staffing LLC',
  '001C,Zenith Farms',
  '',
].join('\n');

let dir: string;
let workspace: string;
let staticDir: string;
let app: FastifyInstance;
const disk = new FillingDisk(() => 0);

before(async () => {
  dir = await tempDir('junction-guards-');
  workspace = join(dir, 'ws');
  await runOn(await writeInput(dir, 'accounts.csv', INPUT), { workspace, runId: 'r1' });
  staticDir = join(dir, 'web');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>\n');
  app = await buildServer({
    workspace,
    staticDir,
    engine: { memoryLimit: '1GB', threads: 1, readConnections: 3 },
    onError: () => {},
    host: '127.0.0.1',
    allowHosts: ['review.example.com'],
    journalFileSystem: disk,
  });
});

after(async () => {
  await app?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function csrfToken(): Promise<string> {
  return ((await app.inject({ url: '/api/session' })).json() as { csrfToken: string }).csrfToken;
}

describe('Host allowlist (DNS rebinding)', () => {
  test('a rebinding page (Host evil.example with a matching Origin) can neither read nor write', async () => {
    const read = await app.inject({ url: '/api/runs', headers: { host: 'evil.example:4173' } });
    assert.equal(read.statusCode, 403);
    assert.match(
      (read.json() as { error: string }).error,
      /^Host "evil\.example:4173" is not allowed: open the URL junction review printed, or start it with --allow-host evil\.example$/,
    );
    const write = await app.inject({
      method: 'POST',
      url: '/api/runs/r1/decisions',
      headers: {
        host: 'evil.example:4173',
        origin: 'http://evil.example:4173',
        'x-junction-csrf': await csrfToken(),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ kind: 'blacklist_add', term: 'pwned', base_seq: 0 }),
    });
    assert.equal(write.statusCode, 403);
    assert.equal((await readJournal(join(workspace, JOURNAL_FILE))).events.length, 0, 'nothing was written');
    const page = await app.inject({ url: '/runs/r1/groups', headers: { host: 'evil.example' } });
    assert.equal(page.statusCode, 403);
    assert.doesNotMatch(page.body, /<title>/, 'not even the app shell');
  });

  test('loopback names, the bound address and --allow-host names are answered, with or without a port', async () => {
    for (const host of [
      'localhost:4173',
      '127.0.0.1:4173',
      '[::1]:4173',
      'localhost',
      'LOCALHOST.',
      'review.example.com',
      'Review.Example.com:8443',
    ]) {
      const response = await app.inject({ url: '/api/runs', headers: { host } });
      assert.equal(response.statusCode, 200, host);
    }
    for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example', 'example.com', '10.0.0.8:4173']) {
      const response = await app.inject({ url: '/api/runs', headers: { host } });
      assert.equal(response.statusCode, 403, host);
    }
  });

  test('hostName and allowedHostNames', () => {
    assert.equal(hostName('[::1]:4173'), '::1');
    assert.equal(hostName('::1'), '::1');
    assert.equal(hostName('Example.COM.:80'), 'example.com');
    assert.equal(hostName('192.168.1.5'), '192.168.1.5');
    assert.deepEqual([...allowedHostNames(undefined, [])].sort(), ['127.0.0.1', '::1', 'localhost']);
    assert.ok(allowedHostNames('192.168.1.5', []).has('192.168.1.5'));
    assert.ok(allowedHostNames('::', []).has('127.0.0.1'));
    assert.ok(allowedHostNames('0.0.0.0', ['crm-review.internal']).has('crm-review.internal'));
  });

  test('over a real socket: a listening server refuses a foreign Host header', async () => {
    const { app: live, url } = await startReviewServer({
      workspace,
      host: '127.0.0.1',
      port: 0,
      engine: { memoryLimit: '512MB', threads: 1 },
      staticDir,
    });
    try {
      const port = new URL(url).port;
      const status = (host: string): Promise<number> =>
        new Promise((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/api/runs', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      assert.equal(await status(`evil.example:${port}`), 403);
      assert.equal(await status(`127.0.0.1:${port}`), 200);
    } finally {
      await live.close();
    }
  });
});

describe('security headers on every response', () => {
  const cases: [string, InjectOptions, number][] = [
    ['an API answer', { url: '/api/runs' }, 200],
    ['an API 404', { url: '/api/nothing-here' }, 404],
    ['the app shell', { url: '/' }, 200],
    ['a deep link', { url: '/runs/r1/groups' }, 200],
    ['a refused Host', { url: '/api/runs', headers: { host: 'evil.example' } }, 403],
    ['a refused write (no CSRF header)', { method: 'POST', url: '/api/runs/r1/decisions', payload: {} }, 403],
    ['a bad query', { url: '/api/runs/r1/groups?sort=nope' }, 400],
  ];
  for (const [what, request, status] of cases) {
    test(what, async () => {
      const response = await app.inject(request);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.headers['content-security-policy'], SECURITY_HEADERS['content-security-policy']);
      assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    });
  }
});

describe('a full disk through the API', () => {
  test('507 with a one-line message, no acknowledgement, journal intact; with room again the decision is saved', async () => {
    const headers = { 'x-junction-csrf': await csrfToken(), 'content-type': 'application/json' };
    const decide = (term: string, base_seq: number) =>
      app.inject({
        method: 'POST',
        url: '/api/runs/r1/decisions',
        headers,
        payload: JSON.stringify({ kind: 'blacklist_add', term, base_seq }),
      });
    const first = await decide('first', 0);
    assert.equal(first.statusCode, 200, first.body);
    const before = await readFile(join(workspace, JOURNAL_FILE));
    disk.free = 30;
    const full = await decide('second', 1);
    assert.equal(full.statusCode, 507);
    assert.match(
      (full.json() as { error: string }).error,
      /^the disk is full: the decision was not saved \(decisions\.jsonl is unchanged\); free space and retry\.$/,
    );
    assert.deepEqual(await readFile(join(workspace, JOURNAL_FILE)), before);
    disk.free = Number.POSITIVE_INFINITY;
    const retried = await decide('second', 1);
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal((await readJournal(join(workspace, JOURNAL_FILE))).events.length, 2);
  });
});

describe('reads in parallel (issue 12 defect 10)', () => {
  test('many concurrent reads of one run all answer, and a write in between is seen by the reads after it', async () => {
    const urls = ['/api/runs/r1/groups', '/api/runs/r1/facets', '/api/runs/r1/summary', '/api/runs/r1/groups?q=acme'];
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => app.inject({ url: urls[i % urls.length] })),
    );
    for (const response of responses) assert.equal(response.statusCode, 200, response.body);
  });
});
