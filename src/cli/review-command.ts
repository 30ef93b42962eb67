import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { reviewerName } from '../journal/reviewer.js';
import { Workspace } from '../pipeline/workspace.js';
import { engineOptions } from './engine-options.js';
import { wholeNumber } from './generate-command.js';
import { onInterrupt } from './interrupt.js';

interface ReviewFlags {
  workspace?: string;
  host: string;
  port: string;
  token?: string;
  reviewer?: string;
  config?: string;
  open?: boolean;
  allowHost: string[];
}

export interface ServeOptions {
  workspace: Workspace;
  /** `engine.memory_limit` / `engine.threads` of the config (issue 12 item 8). */
  engine: Config['engine'];
  host: string;
  port: number;
  token: string | null;
  reviewer: string | null;
  open: boolean;
  /** Try a free port when `port` is taken (the demo), instead of failing. */
  anyPortIfBusy?: boolean;
  /** Host names to answer to besides loopback and `host` (`--allow-host`, issue 12 defect 3). */
  allowHosts: readonly string[];
}

/** `--allow-host` may be given several times, or as a comma-separated list. */
export function collectHostNames(value: string, previous: string[]): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) throw new UsageError('--allow-host: give a host name, e.g. --allow-host review.example.com');
  return [...previous, ...names];
}

export const ALLOW_HOST_HELP =
  'also answer to this Host name (repeatable): the name the UI is reached by through a proxy or DNS; other names get 403';

/** `junction review` (SPEC §13, REVIEW §1): serve the review UI over a workspace until Ctrl-C. */
export function registerReview(program: Command): void {
  program
    .command('review')
    .description('serve the review UI over a workspace (loopback unless --host; Ctrl-C stops it)')
    .option('--workspace <dir>', 'workspace folder (default ./junction-workspace or $JUNCTION_WORKSPACE)')
    .option('--host <host>', 'address to listen on; a non-loopback address needs --token', '127.0.0.1')
    .option('--port <n>', 'port to listen on', '4173')
    .option('--token <t>', 'access token every request must carry (or $JUNCTION_TOKEN)')
    .option(
      '--reviewer <name>',
      'your name in the decision journal (default: config review.reviewer, $JUNCTION_REVIEWER, the OS user)',
    )
    .option('--config <file>', 'YAML config (review.reviewer, engine.memory_limit, engine.threads)')
    .option('--allow-host <name>', ALLOW_HOST_HELP, collectHostNames, [])
    .option('--open', 'open the review UI in a browser')
    .option('--debug', 'print stack traces')
    .action(async (flags: ReviewFlags) => {
      const config = await loadConfig(flags.config);
      await serveReview({
        workspace: new Workspace(flags.workspace),
        host: flags.host,
        port: portNumber(flags.port),
        token: flags.token ?? process.env.JUNCTION_TOKEN ?? null,
        reviewer: reviewerName(flags.reviewer ?? config.review.reviewer),
        engine: config.engine,
        open: flags.open === true,
        allowHosts: flags.allowHost,
      });
    });
}

/** A TCP port from a flag (0 = any free port). */
export function portNumber(value: string): number {
  const port = wholeNumber('--port', value, 0);
  if (port > 65535) throw new UsageError(`--port ${value}: give a port from 0 to 65535.`);
  return port;
}

/** Start the review server, print its URL, and resolve once Ctrl-C (or SIGTERM) has closed it. */
export async function serveReview(options: ServeOptions): Promise<void> {
  const base = {
    workspace: options.workspace,
    host: options.host,
    token: options.token,
    reviewer: options.reviewer,
    allowHosts: options.allowHosts,
    prewarm: true,
    engine: await engineOptions(options.engine, options.workspace, 'review'),
  };
  // Loaded here, not at start-up: fastify and the routes cost ~0.5 s that `junction run` does not need.
  const { startReviewServer } = await import('../server/server.js');
  let started: Awaited<ReturnType<typeof startReviewServer>>;
  try {
    started = await startReviewServer({ ...base, port: options.port });
  } catch (error) {
    if (options.anyPortIfBusy !== true || !/is in use/.test((error as Error).message)) throw error;
    started = await startReviewServer({ ...base, port: 0 });
  }
  const { app, url } = started;
  process.stdout.write(`review UI: ${url}  (workspace ${options.workspace.root}; Ctrl-C to stop)\n`);
  if (options.open) openBrowser(url);
  await new Promise<void>((resolve, reject) => {
    const restore = onInterrupt(() => {
      restore();
      app.close().then(resolve, reject);
    });
  });
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not start a browser; open ${url}\n`));
  child.unref();
}
