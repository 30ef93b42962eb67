import { UsageError } from '../core/errors.js';

/** A source file that cannot be read as given (missing, a directory, empty, wrong encoding …). */
export class InputError extends UsageError {
  override readonly name = 'InputError';
  constructor(message: string) {
    super(message, 'input');
  }
}
