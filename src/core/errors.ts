/**
 * Errors the user can fix: bad usage, bad input, bad config (SPEC §13: exit code 1, a one-line message that
 * says what to do, no stack trace unless --debug).
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  constructor(
    message: string,
    readonly code: string = 'usage',
  ) {
    super(message);
  }
}
