// Unit tests of the start options' ports and the check before start: every problem in one message naming the flag and variable that move the port.
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { assertStartPorts, duplicatePorts, portsInUse } from '../../../../local/start/port-check';
import { PortsUnavailableError } from '../../../../local/start/start-errors';
import { parseStartArgs, START_DEFAULTS } from '../../../../local/start/start-args';

describe('npm start ports', () => {
  it('gives every component its own default port; the dashboard keeps 4570, kinesis-local TLS moves to 4571', () => {
    const ports = START_DEFAULTS.ports;
    expect(duplicatePorts(ports, portsInUse(true))).to.deep.equal([]);
    expect(ports).to.deep.equal({
      kinesis: 4567,
      dynamodb: 4568,
      s3: 4569,
      dashboard: 4570,
      kinesisTls: 4571,
      postgres: 5433,
    });
  });

  it('reads ports from the variables, and flags win over them', () => {
    const args = parseStartArgs(['--dashboard-port', '4600', '--s3-port=4601'], START_DEFAULTS, {
      DASHBOARD_PORT: '4700',
      LOCAL_POSTGRES_PORT: '5500',
    });
    expect(args.ports).to.include({ dashboard: 4600, s3: 4601, postgres: 5500, kinesis: 4567 });
  });

  it('rejects a malformed port with the option named', () => {
    expect(() => parseStartArgs(['--kinesis-port', '70000'], START_DEFAULTS, {})).to.throw(
      ConfigError,
      '--kinesis-port must be a port',
    );
  });

  it('one message names each taken port and what moves it', async () => {
    const taken = new Set([4570, 5433]);
    try {
      await assertStartPorts(START_DEFAULTS.ports, true, (port) => Promise.resolve(taken.has(port)));
      expect.fail('should throw');
    } catch (error: unknown) {
      expect(error).to.be.instanceOf(PortsUnavailableError);
      const message = (error as Error).message;
      expect(message).to.contain('port 4570 (dashboard)').and.contain('--dashboard-port N or DASHBOARD_PORT=N');
      expect(message).to.contain('port 5433').and.contain('--postgres-port N or LOCAL_POSTGRES_PORT=N');
    }
  });

  it('refuses two components on one port before probing anything', async () => {
    const ports = { ...START_DEFAULTS.ports, dashboard: 4571 };
    let probes = 0;
    const check = assertStartPorts(ports, true, () => {
      probes += 1;
      return Promise.resolve(false);
    });
    try {
      await check;
      expect.fail('should throw');
    } catch (error: unknown) {
      expect((error as Error).message)
        .to.contain('port 4571 is configured for both')
        .and.contain('--kinesis-tls-port');
    }
    expect(probes).to.equal(6);
  });

  it('without sinks checks only the stand-ins it starts', async () => {
    const probed: number[] = [];
    await assertStartPorts(START_DEFAULTS.ports, false, (port) => {
      probed.push(port);
      return Promise.resolve(false);
    });
    expect(probed.sort()).to.deep.equal([4567, 4568, 4571]);
  });
});
