import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { parseConfig } from '../config/load.js';
import { UsageError } from '../core/index.js';
import type { EngineOptions } from '../engine/database.js';
import { ReviewStore } from '../engine/review-store.js';
import type { JournalFileSystem } from '../journal/journal-file-system.js';
import { reviewerName } from '../journal/reviewer.js';
import { TOOL_VERSION } from '../pipeline/version.js';
import { Workspace } from '../pipeline/workspace.js';
import { newSecret, registerAuth } from './auth.js';
import { allowedHostNames, registerHostCheck } from './host-allowlist.js';
import { HttpError } from './http-error.js';
import { JournalAccess } from './journal-access.js';
import { ReviewContext } from './review-context.js';
import { registerBlacklistRoutes } from './routes/blacklist-routes.js';
import { registerClusterRoutes } from './routes/cluster-routes.js';
import { registerDecisionRoutes } from './routes/decisions-routes.js';
import { registerExportRoutes } from './routes/export-routes.js';
import { registerGraphRoutes } from './routes/graph-routes.js';
import { registerGroupRoutes } from './routes/groups-routes.js';
import { registerMaintenanceRoutes } from './routes/maintenance-routes.js';
import { registerNearMissRoutes } from './routes/near-miss-routes.js';
import { registerRerunRoutes } from './routes/rerun-routes.js';
import { registerRunRoutes } from './routes/runs-routes.js';
import { registerThresholdRoutes } from './routes/threshold-routes.js';
import { RunCatalog } from './run-catalog.js';
import { registerSecurityHeaders } from './security-headers.js';
import { defaultStaticDir, registerStatic } from './static-files.js';

export interface ServerOptions {
  /** Workspace folder (or a Workspace); default as SPEC §12. */
  workspace?: string | Workspace;
  /** Access token every request must present (REVIEW §1); required for a non-loopback host. */
  token?: string | null;
  /** The built SPA; default `<package>/dist/web`. */
  staticDir?: string;
  /** DuckDB settings; default from the config schema's `engine` defaults. */
  engine?: EngineOptions;
  /** Open the newest complete run in the background at start, so the first page is warm. */
  prewarm?: boolean;
  /** Where unexpected (500) errors are reported; default stderr. */
  onError?: (error: Error) => void;
  /** Reviewer name for the decision journal (issue 7); reported by `GET /api/session`. */
  reviewer?: string | null;
  /** The address the server listens on: its Host name is allowed besides loopback (issue 12 defect 3). */
  host?: string;
  /** More Host names to answer to (`--allow-host`): a name this machine is reached by. */
  allowHosts?: readonly string[];
  /** The decisions journal's file system (tests inject a full disk); default node's. */
  journalFileSystem?: JournalFileSystem;
}

/**
 * The review server (REVIEW §1): a typed JSON API over a workspace's runs through one long-lived DuckDB,
 * and the SPA. Nothing listens until the caller calls `listen` (tests use `inject`).
 * @example const app = await buildServer({ workspace: 'junction-workspace' }); await app.listen({ port: 4173 });
 */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const workspace =
    options.workspace instanceof Workspace ? options.workspace : new Workspace(options.workspace ?? undefined);
  const defaults = parseConfig({}, 'defaults').engine;
  // A spill goes to the workspace cache, never to a `.tmp` in whatever folder the server was started from.
  const store = await ReviewStore.open(
    options.engine ?? {
      memoryLimit: defaults.memory_limit,
      threads: defaults.threads,
      tempDirectory: join(workspace.cacheDir, 'duckdb-review-tmp'),
      readConnections: defaults.read_connections,
    },
  );
  const ctx = new ReviewContext(
    new RunCatalog(workspace),
    store,
    new JournalAccess(workspace.root, options.journalFileSystem),
  );
  const csrfToken = newSecret();
  const report = options.onError ?? ((error: Error) => process.stderr.write(`junction review: ${error.message}\n`));

  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 } });
  app.addHook('onClose', async () => store.close());
  registerSecurityHeaders(app);
  registerHostCheck(app, allowedHostNames(options.host, options.allowHosts ?? []));
  app.setErrorHandler((error: FastifyError | HttpError | Error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ error: error.message });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    const line = (error.message.split('\n')[0] ?? 'error').slice(0, 300);
    if (status >= 500) {
      report(error);
      return reply.code(500).send({ error: `internal error: ${line}` });
    }
    return reply.code(status).send({ error: line });
  });
  registerAuth(app, { token: options.token ?? null, csrfToken });
  app.get('/api/session', async () => ({ csrfToken, version: TOOL_VERSION, reviewer: options.reviewer ?? null }));
  registerRunRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerDecisionRoutes(app, ctx, options.reviewer ?? null);
  registerExportRoutes(app, ctx);
  registerBlacklistRoutes(app, ctx);
  registerMaintenanceRoutes(app, ctx, reviewerName(options.reviewer ?? null));
  registerRerunRoutes(app, ctx, report);
  // The steward's workbench (issue 13).
  const reviewer = reviewerName(options.reviewer ?? null);
  registerNearMissRoutes(app, ctx, reviewer);
  registerGraphRoutes(app, ctx, reviewer);
  registerClusterRoutes(app, ctx, reviewer);
  registerThresholdRoutes(app, ctx);
  await registerStatic(app, options.staticDir ?? defaultStaticDir());

  if (options.prewarm === true) {
    app.addHook('onReady', async () => {
      const newest = (await ctx.catalog.list()).find((r) => r.latest);
      if (newest !== undefined) ctx.open(newest.run_id).catch((error: Error) => report(error));
    });
  }
  return app;
}

/** True for names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export interface ListenOptions extends ServerOptions {
  host: string;
  port: number;
}

/**
 * Build and listen, refusing a non-loopback host without a token (REVIEW §1). Returns the app and the URL to
 * open (carrying `?token=` when there is one: the first visit trades it for a cookie).
 */
export async function startReviewServer(options: ListenOptions): Promise<{ app: FastifyInstance; url: string }> {
  const token = options.token ?? null;
  if (!isLoopbackHost(options.host) && (token === null || token.length === 0)) {
    throw new UsageError(
      `--host ${options.host} is reachable from other machines: give an access token with --token or JUNCTION_TOKEN.`,
    );
  }
  if (token !== null && token.length < 8) throw new UsageError('--token: use at least 8 characters.');
  const app = await buildServer({ ...options, token });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(`port ${options.port} is in use on ${options.host}: choose another with --port.`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new UsageError(`--host ${options.host}: not an address of this machine.`);
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  return { app, url };
}
