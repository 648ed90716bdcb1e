// Unit tests for the PID registry: stale processes from a hard-killed run are stopped, recycled PIDs are left alone.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PidRegistry, stopStaleProcesses } from '../../../../common/process/pid-registry';
import { isAlive, stopPid } from '../../../../common/process/service-process';

describe('PidRegistry', () => {
  let dir: string;
  const spawned: number[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pids-'));
  });
  afterEach(async () => {
    for (const pid of spawned.splice(0)) await stopPid(pid, 1_000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function sleeper(marker: string): number {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], { stdio: 'ignore' });
    if (child.pid === undefined) throw new Error('spawn failed');
    spawned.push(child.pid);
    return child.pid;
  }

  it('adds, lists and removes records in its file', () => {
    const registry = new PidRegistry(path.join(dir, 'pids.json'));
    registry.add({ name: 'a', pid: 1234, group: false, marker: 'x' });
    registry.add({ name: 'b', pid: 5678, group: true, marker: 'y' });
    registry.remove(1234);
    expect(new PidRegistry(registry.file).list()).to.deep.equal([{ name: 'b', pid: 5678, group: true, marker: 'y' }]);
  });

  it('treats a corrupt file as empty', () => {
    fs.writeFileSync(path.join(dir, 'pids.json'), '{not json');
    expect(new PidRegistry(path.join(dir, 'pids.json')).list()).to.deep.equal([]);
  });

  it('stops a recorded process whose command line still carries the marker', async () => {
    const registry = new PidRegistry(path.join(dir, 'pids.json'));
    const pid = sleeper('stale-marker-1');
    registry.add({ name: 'stale', pid, group: false, marker: 'stale-marker-1' });
    const stopped = await stopStaleProcesses(registry);
    expect(stopped.map((r) => r.pid)).to.deep.equal([pid]);
    expect(isAlive(pid)).to.equal(false);
    expect(registry.list()).to.deep.equal([]);
  });

  it('leaves alone a live PID whose command line does not match (a recycled PID)', async () => {
    const registry = new PidRegistry(path.join(dir, 'pids.json'));
    const pid = sleeper('innocent');
    registry.add({ name: 'stale', pid, group: false, marker: 'some-other-marker' });
    expect(await stopStaleProcesses(registry)).to.deep.equal([]);
    expect(isAlive(pid)).to.equal(true);
  });
});
