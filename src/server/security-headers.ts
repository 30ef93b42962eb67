import type { FastifyInstance } from 'fastify';

/**
 * Headers on every response (issue 12 defect 3). The built web app loads only its own files (Vite emits one
 * module script and one stylesheet, no inline script or style element; React sets element styles through the
 * DOM, which CSP does not govern), so `default-src 'self'` holds it; it is never framed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
}
