import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, afterEach } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer } from '../../../src/server/server.js';
import { launchChromium } from './browser.js';
import { ensureWebBuild, WEB_DIST } from './web-build.js';

/**
 * A review server over one workspace plus a Chromium, as each browser-test file uses them: JSON reads from the
 * API, one browser context at a time, and every page error collected so the test that caused it fails.
 */
export class ReviewSession {
  private context: BrowserContext | null = null;
  private errors: string[] = [];

  private constructor(
    readonly baseUrl: string,
    private readonly browser: Browser,
    private readonly closeServer: () => Promise<void>,
  ) {}

  /** Build the web app if needed, serve `workspace` on a free loopback port, launch Chromium. */
  static async start(workspace: string): Promise<ReviewSession> {
    await ensureWebBuild();
    const app = await buildServer({
      workspace,
      staticDir: WEB_DIST,
      reviewer: 'e2e reviewer',
      engine: { memoryLimit: '1GB', threads: 1 },
    });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    return new ReviewSession(baseUrl, await launchChromium(), () => app.close());
  }

  async getJson<T>(path: string, parse: (x: unknown) => T): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`);
    assert.equal(response.status, 200, `GET ${path}`);
    return parse(await response.json());
  }

  /** A fresh browser context (the previous one closes) with a page on `path`; 1600×1000 unless `viewport`. */
  async open(
    path: string,
    options: { acceptDownloads?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<Page> {
    await this.context?.close();
    this.context = await this.browser.newContext({
      viewport: options.viewport ?? { width: 1600, height: 1000 },
      deviceScaleFactor: 1,
      acceptDownloads: options.acceptDownloads === true,
    });
    const page = await this.context.newPage();
    this.track(page);
    await page.goto(`${this.baseUrl}${path}`);
    return page;
  }

  /**
   * Collect the page's errors (for a second tab opened in the same context), and anything the server's
   * Content-Security-Policy blocked (issue 12: the app must work under `default-src 'self'`).
   */
  track(page: Page): void {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (message) => {
      if (
        message.type() === 'error' &&
        /Content Security Policy|'(?:default|script|style)-src'/i.test(message.text())
      ) {
        this.errors.push(`csp: ${message.text()}`);
      }
    });
  }

  takeErrors(): string[] {
    const errors = this.errors;
    this.errors = [];
    return errors;
  }

  async close(): Promise<void> {
    await this.context?.close();
    await this.browser.close();
    await this.closeServer();
  }
}

/** Hooks for a describe block: a page error fails its test; afterwards the session closes and `dir` goes. */
export function reviewSessionHooks(state: () => { session?: ReviewSession; dir?: string }): void {
  afterEach(() => {
    assert.deepEqual(state().session?.takeErrors() ?? [], [], 'no page errors');
  });
  after(async () => {
    const { session, dir } = state();
    await session?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
}
