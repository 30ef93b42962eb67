import type { z } from 'zod';

/** An error with the HTTP status the client should see; the message is one line (STYLE §3.3). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parse a query string with a shared schema; a failure is a 400 naming the parameter and the problem.
 * @example parseQuery(groupQuerySchema, { sort: 'sise' }) → HttpError 400 'sort: Invalid option: expected one of "risk"|…'
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new HttpError(400, 'bad query string');
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const message =
    unknownKeys.length > 0
      ? `unknown parameter${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `"${k}"`).join(', ')}`
      : `${issue.path.join('.') || 'query'}: ${issue.message}`;
  throw new HttpError(400, `${message.replaceAll(/\s+/g, ' ').slice(0, 300)}`);
}
