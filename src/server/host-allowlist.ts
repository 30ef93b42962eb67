import { hostname, networkInterfaces } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Names of this machine's loopback that every server answers to (REVIEW §1: loopback by default). */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
/** Addresses that mean "every interface": the server then also answers to this machine's names and addresses. */
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '']);

/**
 * The host part of a Host header or a --host/--allow-host value, lower-case, without port, brackets or a
 * trailing dot: `[::1]:4173` → `::1`, `Example.COM.:80` → `example.com`.
 */
export function hostName(value: string): string {
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(text);
  if (bracketed !== null) return bracketed[1] as string;
  // One colon is a port; more are a bare IPv6 address.
  const name = text.split(':').length === 2 ? (text.split(':')[0] as string) : text;
  return name.replace(/\.$/, '');
}

/**
 * The Host names a server bound to `boundHost` answers to: loopback names, the bound address, and the names
 * given with --allow-host; bound to every interface, also this machine's host name and interface addresses.
 */
export function allowedHostNames(boundHost: string | undefined, allowHosts: readonly string[]): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (boundHost !== undefined) {
    const bound = hostName(boundHost);
    names.add(bound);
    if (WILDCARD_ADDRESSES.has(bound)) {
      names.add(hostName(hostname()));
      for (const addresses of Object.values(networkInterfaces())) {
        for (const address of addresses ?? []) names.add(hostName(address.address));
      }
    }
  }
  for (const name of allowHosts) names.add(hostName(name));
  return names;
}

/**
 * DNS rebinding defence (issue 12 defect 3): a page on `evil.example` whose name the attacker re-points at
 * 127.0.0.1 talks to this server as a same-origin page, with `Host: evil.example:4173`. Every request whose Host
 * is not one of `allowed` is refused with 403 before any route or token check runs.
 */
export function registerHostCheck(app: FastifyInstance, allowed: ReadonlySet<string>): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.host;
    if (header !== undefined && allowed.has(hostName(header))) return;
    const shown = (header ?? '(none)').slice(0, 100);
    const message = `Host ${JSON.stringify(shown)} is not allowed: open the URL junction review printed, or start it with --allow-host ${hostName(header ?? 'NAME') || 'NAME'}`;
    reply.code(403);
    if (request.url.startsWith('/api/')) return reply.send({ error: message });
    return reply.type('text/plain; charset=utf-8').send(`${message}\n`);
  });
}
