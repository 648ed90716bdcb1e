// Waits for a line matching a pattern to appear in a growing log file (daemon readiness, lease events).
import * as fs from 'node:fs';
import { sleep } from '../sleep';

export interface LogWatchOptions {
  /** Byte offset to start reading from (lines before it are ignored). */
  readonly fromOffset?: number;
  readonly timeoutMs: number;
  readonly pollMs?: number;
  /** Give up early when this settles (for example the process exited). */
  readonly until?: Promise<unknown>;
}

export async function waitForLogLine(file: string, pattern: RegExp, options: LogWatchOptions): Promise<string> {
  let offset = options.fromOffset ?? 0;
  let partial = '';
  let ended = false;
  void options.until?.then(() => {
    ended = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const lastChance = ended;
    const chunk = readFrom(file, offset);
    offset += chunk.length;
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    const hit = lines.find((line) => pattern.test(line));
    if (hit !== undefined) return hit;
    if (lastChance) throw new Error(`process ended before ${file} showed ${String(pattern)}`);
    if (Date.now() > deadline)
      throw new Error(`no line matching ${String(pattern)} in ${file} within ${options.timeoutMs} ms`);
    await sleep(options.pollMs ?? 100);
  }
}

function readFrom(file: string, offset: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    const read = fs.readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
