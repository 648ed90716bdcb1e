// Drives a ShardProcessor from aws-kcl: typed promises in, every action completed exactly once, failures logged instead of crashing.
import { Writable, type Readable } from 'node:stream';
import kcl from 'aws-kcl';
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import type { Checkpointer, CheckpointReply } from '../processor/checkpointer';
import type { ShardProcessor } from '../processor/shard-processor';
import { ProtocolInput } from './protocol-input';
import { ProtocolOutput, type RawWrite } from './protocol-output';

export interface KclAdapterOptions {
  readonly processor: ShardProcessor;
  readonly input: Readable;
  readonly output: RawWrite;
  readonly logger: Logger;
  /** Called once when the child should exit: after the daemon closes stdin. */
  readonly onInputEnded: () => void;
}

export function runKclAdapter(options: KclAdapterOptions): void {
  const { processor, logger } = options;
  let checkpointPending = false;
  const input = new ProtocolInput(logger, () => checkpointPending);
  const output = new ProtocolOutput(options.output);
  const errors = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      logger.error('aws-kcl reported', { text: chunk.toString().trim() });
      callback();
    },
  });

  const wrapCheckpointer = (inner: kcl.Checkpointer): Checkpointer => ({
    checkpoint: (sequenceNumber: string | null): Promise<CheckpointReply> =>
      new Promise((resolve) => {
        checkpointPending = true;
        inner.checkpoint(sequenceNumber, (error) => {
          checkpointPending = false;
          resolve(error === null || error === undefined ? { ok: true } : { ok: false, error: String(error) });
        });
      }),
  });

  /** Runs one action's work and completes it exactly once, whatever happens. */
  const run = (action: string, work: () => Promise<void>, complete: () => void): void => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      complete();
    };
    work().then(finish, (error: unknown) => {
      logger.error('action failed unexpectedly; completing it so the shard can continue', {
        action,
        error: describeError(error),
      });
      finish();
    });
  };

  const shim: kcl.RecordProcessor = {
    initialize: (args, complete) => run('initialize', () => processor.initialize(args), complete),
    processRecords: (args, complete) =>
      run('processRecords', () => processor.processRecords(args, wrapCheckpointer(args.checkpointer)), complete),
    leaseLost: (_args, complete) => run('leaseLost', () => processor.leaseLost(), complete),
    shardEnded: (args, complete) =>
      run('shardEnded', () => processor.shardEnded(wrapCheckpointer(args.checkpointer)), complete),
    shutdownRequested: (args, complete) =>
      run('shutdownRequested', () => processor.shutdownRequested(wrapCheckpointer(args.checkpointer)), complete),
  };

  options.input.pipe(input);
  let ended = false;
  const onEnd = (): void => {
    if (ended) return;
    ended = true;
    logger.info('stdin ended; exiting', { lastAction: input.lastAction });
    processor.stop();
    options.onInputEnded();
  };
  options.input.once('end', onEnd);
  options.input.once('close', onEnd);
  kcl(shim, input, output, errors).run();
}
