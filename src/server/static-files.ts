import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The package root: the nearest folder above this module holding package.json (src/server or dist/src/server). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** Where `npx vite build --config web/vite.config.ts` writes the SPA. */
export function defaultStaticDir(): string {
  return join(packageRoot(), 'dist', 'web');
}

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Company Junction</title>' +
  '<p>The review app is not built: run <code>npm run build</code>, then start <code>junction review</code> again.</p>\n';

/**
 * The SPA (REVIEW §1: served by the same process, no CDN): files from the Vite build, and index.html for any
 * other non-API path so deep links (`/runs/…/groups?flags=…`) load the app. API paths stay JSON 404s.
 */
export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  const built = existsSync(join(staticDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.code(404).send({ error: `no such endpoint: ${request.method} ${path.slice(0, 200)}` });
    }
    if (!built) return reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
