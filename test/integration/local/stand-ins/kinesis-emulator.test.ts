// The kinesis-local launcher: serves the Kinesis API on 127.0.0.1 only, and stops by PID.
import { expect } from 'chai';
import * as os from 'node:os';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { isAlive, isPortOpen } from '../../../../common/process/service-process';
import { startKinesisStandIn, type KinesisStandIn } from '../../../support/kinesis-stand-in';

const externalAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a !== undefined && !a.internal && a.family === 'IPv4')?.address;

describe('kinesis-local launcher (integration)', function () {
  this.timeout(90_000);
  let standIn: KinesisStandIn | undefined;

  before(async () => {
    standIn = await startKinesisStandIn();
  });

  after(async () => {
    await standIn?.stop();
  });

  it('answers Kinesis API calls on 127.0.0.1', async () => {
    const out = await standIn?.client.send(new ListStreamsCommand({}));
    expect(out?.StreamNames).to.be.an('array');
  });

  it('does not listen on other interfaces, although kinesis-mock binds all of them upstream', async function () {
    if (externalAddress === undefined) this.skip();
    expect(await isPortOpen(standIn?.emulator.process.port ?? 0, externalAddress)).to.equal(false);
  });

  it('stops the process it started', async () => {
    const pid = standIn?.emulator.pid ?? 0;
    await standIn?.stop();
    standIn = undefined;
    expect(isAlive(pid)).to.equal(false);
  });
});
