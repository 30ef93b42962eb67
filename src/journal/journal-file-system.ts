import { open } from 'node:fs/promises';

/**
 * The file operations the journal and its lock use, as a seam: production passes node's `fs/promises`, tests
 * pass a disk that fills up, cuts writes short or fails fsync (issue 12 defect 2), so "no acknowledged decision
 * is lost" is proven without filling a real disk.
 */
export interface JournalFileHandle {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** Appends (the file is opened `a+` or `wx`); may store fewer bytes than asked, as write(2) may. */
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface JournalFileSystem {
  open(path: string, flags: 'a+' | 'wx'): Promise<JournalFileHandle>;
}

export const NODE_FILE_SYSTEM: JournalFileSystem = { open };

/** Error codes that mean the disk (or the user's quota) is full: reported as such, never as a generic failure. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * Append all of `bytes`, however many calls write(2) needs (a short write is not an error by itself); a call
 * that stores nothing means the disk is full. Throws on failure, leaving whatever was stored for the caller to
 * roll back.
 */
export async function writeWhole(handle: JournalFileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    if (bytesWritten <= 0) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write stored 0 bytes'), { code: 'ENOSPC' });
    }
    written += bytesWritten;
  }
}
