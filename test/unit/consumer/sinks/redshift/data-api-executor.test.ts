// DataApiExecutor's polling and token rules, over a scripted client (the HTTP path is covered in test/integration/consumer/sinks/redshift/data-api-mode.test.ts).
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { expect } from 'chai';
import { DataApiExecutor } from '../../../../../consumer/sinks/redshift/data-api-executor';

interface Call {
  name: string;
  input: Record<string, unknown>;
}

function scripted(statuses: string[]): { client: RedshiftDataClient; calls: Call[] } {
  const calls: Call[] = [];
  const send = (command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> => {
    calls.push({ name: command.constructor.name, input: command.input });
    if (command.constructor.name === 'BatchExecuteStatementCommand')
      return Promise.resolve({ Id: `id-${calls.length}` });
    return Promise.resolve({
      Status: statuses.shift() ?? 'STARTED',
      Error: 'ERROR: Serializable isolation violation on table',
    });
  };
  return { client: { send } as unknown as RedshiftDataClient, calls };
}

describe('DataApiExecutor', () => {
  const statements = [
    { text: 'DELETE FROM t', values: [] },
    { text: 'INSERT INTO t SELECT 1', values: [] },
  ];

  it('polls with growing intervals until FINISHED', async () => {
    const { client, calls } = scripted(['SUBMITTED', 'STARTED', 'STARTED', 'FINISHED']);
    const waits: number[] = [];
    const executor = new DataApiExecutor(client, {
      target: { database: 'dev', workgroupName: 'wg' },
      maxStatementsPerBatch: 40,
      pollIntervalMs: 100,
      maxPollIntervalMs: 200,
      statementTimeoutMs: 60_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await executor.transaction(statements);
    expect(waits).to.deep.equal([100, 150, 200]);
    expect(calls[0]?.input).to.deep.include({
      Sqls: ['DELETE FROM t', 'INSERT INTO t SELECT 1'],
      Database: 'dev',
      WorkgroupName: 'wg',
    });
  });

  it('fails retryably on a serialisation conflict and on a timeout; only FAILED renews the ClientToken', async () => {
    const { client, calls } = scripted(['FAILED', 'STARTED', 'STARTED', 'STARTED']);
    let clock = 0;
    const executor = new DataApiExecutor(client, {
      target: { database: 'dev', workgroupName: 'wg' },
      maxStatementsPerBatch: 40,
      pollIntervalMs: 10,
      maxPollIntervalMs: 10,
      statementTimeoutMs: 25,
      sleep: async (ms) => {
        clock += ms;
      },
      now: () => clock,
    });
    const failed = await executor.transaction(statements).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).to.include({ status: 'FAILED', retryable: true });
    const timedOut = await executor.transaction(statements).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(timedOut).to.include({ status: 'TIMEOUT', retryable: true });
    await executor.transaction(statements).catch(() => undefined);
    const tokens = calls
      .filter((c) => c.name === 'BatchExecuteStatementCommand')
      .map((c) => String(c.input.ClientToken));
    expect(tokens[0]).not.to.equal(tokens[1]);
    expect(tokens[1]).to.equal(tokens[2]);
  });

  it('refuses more statements than one batch may hold, and bound parameters', async () => {
    const executor = new DataApiExecutor(scripted([]).client, {
      target: { database: 'dev', workgroupName: 'wg' },
      maxStatementsPerBatch: 1,
      pollIntervalMs: 1,
      maxPollIntervalMs: 1,
      statementTimeoutMs: 1,
    });
    expect(
      await executor.transaction(statements).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).to.be.instanceOf(RangeError);
    const bound = new DataApiExecutor(scripted([]).client, {
      target: { database: 'dev', workgroupName: 'wg' },
      maxStatementsPerBatch: 5,
      pollIntervalMs: 1,
      maxPollIntervalMs: 1,
      statementTimeoutMs: 1,
    });
    expect(
      await bound.transaction([{ text: 'SELECT $1', values: [1] }]).then(
        () => undefined,
        (e: unknown) => e,
      ),
    ).to.be.instanceOf(TypeError);
  });
});
