// Screens the daemon's input lines before aws-kcl sees them: its JSON.parse is unguarded and unknown actions crash it.
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import type { Logger } from '../../common/logger';

const DAEMON_ACTIONS = new Set([
  'initialize',
  'processRecords',
  'leaseLost',
  'shardEnded',
  'shutdownRequested',
  'checkpoint',
]);

/** Passes through only complete lines that are JSON objects naming a known action; logs and drops the rest. */
export class ProtocolInput extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  /** Pieces of a line not yet ended; joined once, so a multi-megabyte line costs linear time. */
  private pending: string[] = [];
  /** Last action seen, for diagnostics. */
  public lastAction: string | undefined;

  public constructor(
    private readonly logger: Logger,
    private readonly expectsCheckpointReply: () => boolean,
  ) {
    super({ readableHighWaterMark: 1024 * 1024, writableHighWaterMark: 1024 * 1024 });
  }

  public override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const piece = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (let end = piece.indexOf('\n'); end !== -1; end = piece.indexOf('\n', start)) {
      const tail = piece.slice(start, end);
      const line = this.pending.length === 0 ? tail : this.pending.join('') + tail;
      this.pending = [];
      this.screen(line);
      start = end + 1;
    }
    if (start < piece.length) this.pending.push(piece.slice(start));
    callback();
  }

  public override _flush(callback: TransformCallback): void {
    const rest = this.pending.join('') + this.decoder.end();
    this.pending = [];
    if (rest.trim() !== '') this.screen(rest);
    callback();
  }

  private screen(line: string): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      this.logger.error('dropped an input line that is not JSON', {
        length: trimmed.length,
        start: trimmed.slice(0, 80),
      });
      return;
    }
    const action =
      typeof message === 'object' && message !== null ? (message as { action?: unknown }).action : undefined;
    if (typeof action !== 'string' || !DAEMON_ACTIONS.has(action)) {
      this.logger.error('dropped an input line with no known action', {
        action: typeof action === 'string' ? action : typeof action,
      });
      return;
    }
    if (action === 'checkpoint' && !this.expectsCheckpointReply()) {
      this.logger.error('dropped a checkpoint reply nobody asked for');
      return;
    }
    this.lastAction = action;
    this.push(`${trimmed}\n`);
  }
}
