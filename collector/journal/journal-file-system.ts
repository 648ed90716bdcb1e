// The file operations the post journal needs, as a port: Node's synchronous fs by default, a failing one in tests (full disk).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface JournalFileSystem {
  /** The whole file, or undefined when it does not exist. */
  readFile(file: string): Buffer | undefined;
  /** Opens (creating) for appending; returns a descriptor. */
  openAppend(file: string): number;
  /** Writes all of `bytes` at the end (append mode); throws on ENOSPC and any other error. */
  append(fd: number, bytes: Buffer): void;
  fsync(fd: number): void;
  /** Cuts the file to `size` bytes (removes a partial write). */
  truncate(fd: number, size: number): void;
  size(fd: number): number;
  close(fd: number): void;
  /** Replaces `file` with `bytes` so a crash leaves the old or the new content: temp file, fsync, rename, fsync of the folder. */
  replace(file: string, bytes: Buffer): void;
}

export const NODE_JOURNAL_FILE_SYSTEM: JournalFileSystem = {
  readFile: (file) => {
    try {
      return fs.readFileSync(file);
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  openAppend: (file) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return fs.openSync(file, 'a');
  },
  append: (fd, bytes) => {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
  },
  fsync: (fd) => fs.fsyncSync(fd),
  truncate: (fd, size) => fs.ftruncateSync(fd, size),
  size: (fd) => fs.fstatSync(fd).size,
  close: (fd) => fs.closeSync(fd),
  replace: (file, bytes) => {
    const temp = `${file}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } catch (error: unknown) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  },
};
