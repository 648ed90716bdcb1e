// Follows the alerter's JSON-lines file so `npm start` can print each new alert and count them (reads only what was appended).
import * as fs from 'node:fs';

export class AlertsFileTail {
  private offset: number;
  private lines = 0;

  /** Alerts already in the file when we start are counted but not shown again. */
  public constructor(private readonly file: string) {
    this.offset = 0;
    const existing = this.read();
    this.lines = existing.length;
  }

  public get count(): number {
    return this.lines;
  }

  /** One readable line per alert appended since the last call. */
  public newLines(): string[] {
    const fresh = this.read();
    this.lines += fresh.length;
    return fresh.map(describe);
  }

  private read(): string[] {
    let size: number;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return [];
    }
    if (size < this.offset) this.offset = 0;
    if (size === this.offset) return [];
    const fd = fs.openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(size - this.offset);
      fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      // Up to the last complete line, counted in bytes (a line still being written is read next time).
      const complete = buffer.lastIndexOf(0x0a) + 1;
      this.offset += complete;
      return buffer
        .subarray(0, complete)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
    } finally {
      fs.closeSync(fd);
    }
  }
}

function describe(line: string): string {
  try {
    const alert = JSON.parse(line) as { detectedAt?: unknown; negativePosts?: unknown; windowMinutes?: unknown };
    return `${String(alert.detectedAt)}: ${String(alert.negativePosts)} negative posts within ${String(alert.windowMinutes)} min`;
  } catch {
    return line.slice(0, 200);
  }
}
