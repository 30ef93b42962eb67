import { type FileHandle, open } from 'node:fs/promises';
import type { JournalFileHandle, JournalFileSystem } from '../../../src/journal/journal-file-system.js';

function fault(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * A disk that fills up (issue 12 defect 2), over real files: `free` bytes are left, a write stores what fits and
 * says so (a short write, as write(2) does), the next one fails with ENOSPC; `shortWriteChance` cuts writes short
 * even with room; `failNextSync` makes the next fsync fail (delayed allocation reports ENOSPC once). Truncating gives the bytes back.
 */
export class FillingDisk implements JournalFileSystem {
  free = Number.POSITIVE_INFINITY;
  shortWriteChance = 0;
  failNextSync = false;
  /** Writes that stored less than asked, to prove the loop met them. */
  shortWrites = 0;

  constructor(private readonly random: () => number) {}

  async open(path: string, flags: 'a+' | 'wx'): Promise<JournalFileHandle> {
    const handle = await open(path, flags);
    return new FillingHandle(handle, this, this.random);
  }
}

class FillingHandle implements JournalFileHandle {
  constructor(
    private readonly file: FileHandle,
    private readonly disk: FillingDisk,
    private readonly random: () => number,
  ) {}

  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    return this.file.read(buffer, offset, length, position);
  }

  async write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }> {
    if (this.disk.free <= 0) throw fault('ENOSPC', 'no space left on device, write');
    let take = Math.min(length, this.disk.free);
    if (take > 1 && this.random() < this.disk.shortWriteChance) take = 1 + Math.floor(this.random() * (take - 1));
    if (take < length) this.disk.shortWrites++;
    const { bytesWritten } = await this.file.write(buffer, offset, take, null);
    this.disk.free -= bytesWritten;
    return { bytesWritten };
  }

  async sync(): Promise<void> {
    if (this.disk.failNextSync) {
      this.disk.failNextSync = false;
      throw fault('ENOSPC', 'no space left on device, fsync');
    }
    await this.file.sync();
  }

  async truncate(length: number): Promise<void> {
    const { size } = await this.file.stat();
    await this.file.truncate(length);
    this.disk.free += Math.max(0, size - length);
  }

  stat(): Promise<{ size: number }> {
    return this.file.stat();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
