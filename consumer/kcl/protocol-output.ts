// The only writer of the consumer's stdout: whole protocol lines, never back-pressure reported as failure.
import { Writable } from 'node:stream';

export type RawWrite = (chunk: string, callback: (error?: Error | null) => void) => void;

/**
 * aws-kcl treats `write() === false` as fatal and writes "\n<json>\n". This stream never returns false
 * (its high-water mark cannot be reached), forwards in order, drops the blank lines, and completes a write
 * only when the underlying stream has taken it, so a line is never split or interleaved.
 */
export class ProtocolOutput extends Writable {
  public constructor(private readonly target: RawWrite) {
    super({ highWaterMark: Number.MAX_SAFE_INTEGER, decodeStrings: false });
  }

  public override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) {
      callback();
      return;
    }
    this.target(`${lines.join('\n')}\n`, callback);
  }
}

/** A RawWrite onto a stream such as the original process.stdout.write. */
export function rawWriteTo(stream: NodeJS.WritableStream): RawWrite {
  return (chunk, callback) => {
    stream.write(chunk, (error?: Error | null) => callback(error ?? null));
  };
}
