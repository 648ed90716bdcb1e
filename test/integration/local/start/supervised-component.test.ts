// A supervised component as npm start runs the dashboard, alerter and scheduler: restarted with backoff when it dies, stopped with nothing left behind.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NullLogger } from '../../../../common/logger';
import { superviseComponent } from '../../../../local/start/supervised-component';
import { isAlive } from '../../../../common/process/service-process';
import { PidRegistry } from '../../../../common/process/pid-registry';
import { REPO_ROOT } from '../../../../common/repo-root';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'local', 'exits-soon.cjs');

describe('superviseComponent', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'component-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pids = (): number[] =>
    fs.existsSync(path.join(dir, 'pids'))
      ? fs.readFileSync(path.join(dir, 'pids'), 'utf8').trim().split('\n').map(Number)
      : [];

  it('restarts a component that exits, with growing delays, and records each restart', async () => {
    const lines: string[] = [];
    const supervisor = await superviseComponent(
      { name: 'flaky', script: FIXTURE, env: { PID_FILE: path.join(dir, 'pids'), EXIT_AFTER_MS: '100' } },
      {
        logsDir: dir,
        logger: new NullLogger(),
        restartPolicy: { baseDelayMs: 50, maxDelayMs: 400, resetAfterMs: 60_000 },
        say: (l) => lines.push(l),
      },
    );
    try {
      for (let i = 0; i < 200 && pids().length < 3; i += 1) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await supervisor.stop();
    }
    expect(pids().length).to.be.at.least(3);
    expect(supervisor.restarts).to.be.at.least(2);
    expect(lines[0]).to.match(/^flaky exited \(code 1\); restarting in 0 s/);
    expect(pids().filter(isAlive)).to.deep.equal([]);
  });

  it('stops a running component by PID and forgets it in the registry', async () => {
    const registry = new PidRegistry(path.join(dir, 'registry.json'));
    const supervisor = await superviseComponent(
      {
        name: 'steady',
        script: FIXTURE,
        env: { PID_FILE: path.join(dir, 'pids'), EXIT_AFTER_MS: '0' },
        ready: () => Promise.resolve(pids().length > 0),
      },
      { logsDir: dir, logger: new NullLogger(), registry },
    );
    expect(registry.list().map((r) => r.name)).to.deep.equal(['steady']);
    await supervisor.stop();
    expect(pids().filter(isAlive)).to.deep.equal([]);
    for (let i = 0; i < 50 && registry.list().length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(registry.list()).to.deep.equal([]);
  });
});
