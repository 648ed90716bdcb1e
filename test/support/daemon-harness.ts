// Plays the KCL MultiLangDaemon against the built consumer over real pipes, checking every stdout line is a protocol message.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import type { DaemonAction } from './kcl-actions';
import { REPO_ROOT } from '../../common/repo-root';

export const CONSUMER_ENTRY = path.join(REPO_ROOT, 'dist', 'consumer', 'main.js');

export type ChildMessage =
  { action: 'status'; responseFor: string } | { action: 'checkpoint'; sequenceNumber: string | null };

/** Throws unless `line` is exactly a message aws-kcl may send: status or checkpoint, with no other fields. */
export function parseProtocolLine(line: string): ChildMessage {
  const message = JSON.parse(line) as Record<string, unknown>;
  const keys = Object.keys(message).sort().join(',');
  if (message.action === 'status' && keys === 'action,responseFor' && typeof message.responseFor === 'string') {
    return { action: 'status', responseFor: message.responseFor };
  }
  if (
    message.action === 'checkpoint' &&
    keys === 'action,sequenceNumber' &&
    (typeof message.sequenceNumber === 'string' || message.sequenceNumber === null)
  ) {
    return { action: 'checkpoint', sequenceNumber: message.sequenceNumber };
  }
  throw new Error(`not a protocol message: ${line}`);
}

export class DaemonHarness {
  public readonly lines: string[] = [];
  public stderr = '';
  public readonly logFile: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: ChildMessage[] = [];
  private waiter: (() => void) | undefined;
  private partial = '';
  public readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  public constructor(env: NodeJS.ProcessEnv = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    this.logFile = path.join(dir, 'consumer.log');
    this.child = spawn(process.execPath, [CONSUMER_ENTRY], {
      env: { PATH: process.env.PATH, SINKS: 'none', LOG_FILE: this.logFile, BATCH_MAX_AGE_MS: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  public get pid(): number {
    return this.child.pid ?? -1;
  }

  public send(message: object): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  public sendRaw(text: string): void {
    this.child.stdin.write(text);
  }

  public closeStdin(): void {
    this.child.stdin.end();
  }

  /**
   * Resolves once stderr holds `text`, or throws after `timeoutMs` with what it holds. stderr and stdout are separate
   * pipes: a line logged before a status reply can arrive after it, so a test waits instead of reading stderr at once.
   */
  public async waitForStderr(text: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes(text)) {
      if (Date.now() > deadline)
        throw new Error(`stderr never showed "${text}" within ${timeoutMs} ms; it holds: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The next protocol message, or a failure after `timeoutMs`. */
  public async next(timeoutMs = 10_000): Promise<ChildMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`no message from the consumer within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.queue.shift() as ChildMessage;
  }

  /** Expects a status for `action`, answering checkpoint requests with `replies` (an error name, or null for success) on the way. */
  public async expectStatus(
    action: string,
    replies: Array<string | null> = [],
    checkpoints: Array<string | null> = [],
  ): Promise<Array<string | null>> {
    for (;;) {
      const message = await this.next();
      if (message.action === 'status') {
        expect(message.responseFor).to.equal(action);
        return checkpoints;
      }
      checkpoints.push(message.sequenceNumber);
      const error = replies.length > 0 ? (replies.shift() ?? null) : null;
      this.send({ action: 'checkpoint', sequenceNumber: message.sequenceNumber, subSequenceNumber: 0, error });
    }
  }

  public async run(action: DaemonAction, replies: Array<string | null> = []): Promise<Array<string | null>> {
    this.send(action);
    return this.expectStatus(action.action, replies);
  }

  public kill(): void {
    this.child.kill('SIGKILL');
  }

  public logEntries(): Array<Record<string, unknown>> {
    if (!fs.existsSync(this.logFile)) return [];
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  private onStdout(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') continue;
      this.lines.push(line);
      this.queue.push(parseProtocolLine(line));
    }
    this.waiter?.();
  }
}
