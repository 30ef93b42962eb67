import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Cookie that carries the access token after the first visit with `?token=` (REVIEW §1). */
export const TOKEN_COOKIE = 'junction_token';
/** Header a state-changing request carries: the value `GET /api/session` returned (REVIEW §1: CSRF-safe). */
export const CSRF_HEADER = 'x-junction-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The request URL without its `token` parameter (the token moves into a cookie and out of the history). */
function withoutToken(url: string): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.delete('token');
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Access control (REVIEW §1). With a token, every request must present it — `Authorization: Bearer`, or the
 * HttpOnly SameSite=Strict cookie that a visit with `?token=` sets before redirecting to the same URL without
 * it. Independently of the token, every state-changing request must carry the per-process CSRF secret in
 * `x-junction-csrf` (a cross-site form cannot set headers, and a cross-origin page cannot read the secret) and,
 * when the browser sends an Origin, come from this host.
 */
export function registerAuth(app: FastifyInstance, options: { token: string | null; csrfToken: string }): void {
  const { token, csrfToken } = options;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (token !== null) {
      const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
      const cookie = cookieValue(request.headers.cookie, TOKEN_COOKIE);
      const fromQuery = (request.query as Record<string, unknown> | undefined)?.token;
      if (typeof fromQuery === 'string' && sameSecret(fromQuery, token) && SAFE_METHODS.has(request.method)) {
        reply
          .header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
          .redirect(withoutToken(request.url), 303);
        return reply;
      }
      const ok = (bearer !== undefined && sameSecret(bearer, token)) || (cookie !== null && sameSecret(cookie, token));
      if (!ok) {
        const message = 'access token required: open the URL junction review printed, or send Authorization: Bearer';
        if (request.url.startsWith('/api/')) reply.code(401).send({ error: message });
        else
          reply
            .code(401)
            .type('text/html; charset=utf-8')
            .send(`<!doctype html><meta charset="utf-8"><p>${message}</p>\n`);
        return reply;
      }
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const origin = request.headers.origin;
      const sameOrigin = origin === undefined || hostOf(origin) === request.headers.host;
      if (typeof header !== 'string' || !sameSecret(header, csrfToken) || !sameOrigin) {
        reply.code(403).send({ error: `state-changing requests need the ${CSRF_HEADER} header from GET /api/session` });
        return reply;
      }
    }
  });
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
