// The scaler CLI offline (--metrics-file, --current-shards): exit codes, JSON output, saved plans, refused plan files.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScalerCli } from '../../../../operator/scaler/scaler-cli';
import { EXIT } from '../../../../operator/scaler/exit-codes';
import { NullLogger } from '../../../../common/logger';
import { REPO_ROOT } from '../../../../common/repo-root';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/metrics');

describe('scaler CLI (offline what-if)', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]): Promise<number> =>
    runScalerCli(argv, {
      env: {},
      print: (t) => out.push(t),
      printError: (t) => err.push(t),
      logger: new NullLogger(),
      now: () => new Date('2026-01-05T11:00:00Z'),
    });
  const metricsOf = (name: string): string => {
    const file = path.join(dir, `${name}.metrics.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        (JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as { metrics: unknown }).metrics,
      ),
    );
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaler-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 (changes pending) for a planned scale-up and writes the plan as JSON', async () => {
    const planFile = path.join(dir, 'plan.json');
    expect(
      await run(
        'plan',
        '--stream',
        'tweets',
        '--metrics-file',
        metricsOf('ramp'),
        '--current-shards',
        '2',
        '--json',
        '--out',
        planFile,
      ),
    ).to.equal(EXIT.changesPending);
    const printed = JSON.parse(out.join('\n')) as {
      decision: string;
      steps: unknown[];
      budget: { availableBefore: number };
    };
    expect(printed.decision).to.equal('scale-up');
    expect(printed.steps).to.have.length(2);
    expect(JSON.parse(fs.readFileSync(planFile, 'utf8'))).to.deep.equal(printed);
  });

  it('exits 0 for nothing to do and for an on-demand stream', async () => {
    expect(
      await run('plan', '--stream', 'tweets', '--metrics-file', metricsOf('steady'), '--current-shards', '2'),
    ).to.equal(EXIT.nothingToDo);
    expect(
      await run(
        'plan',
        '--stream',
        'tweets',
        '--metrics-file',
        metricsOf('on-demand'),
        '--current-shards',
        '4',
        '--on-demand',
      ),
    ).to.equal(EXIT.nothingToDo);
    expect(out.join('\n')).to.include('on-demand stream');
  });

  it('exits 4 (blocked) when a guard stops the change, with the reason in the table', async () => {
    expect(
      await run('plan', '--stream', 'tweets', '--metrics-file', metricsOf('lagging-consumer'), '--current-shards', '8'),
    ).to.equal(EXIT.blocked);
    expect(out.join('\n')).to.include('consumers lag');
  });

  it('exits 4 (blocked) with the conflict when maxShards is below what the measured load needs: 64 shards, 45 MiB/s, --max-shards 32', async () => {
    const file = path.join(dir, 'heavy.metrics.json');
    const metrics = (
      JSON.parse(fs.readFileSync(path.join(FIXTURES, 'steady.json'), 'utf8')) as {
        metrics: { series: Record<string, number[]> };
      }
    ).metrics;
    const perMinute = 45 * 1024 * 1024 * 60;
    for (const name of ['IncomingBytes', 'GetRecords.Bytes'])
      metrics.series[name] = metrics.series[name].map(() => perMinute);
    metrics.series.IncomingRecords = metrics.series.IncomingRecords.map(() => 4_500 * 60);
    fs.writeFileSync(file, JSON.stringify(metrics));
    expect(
      await run('plan', '--stream', 'tweets', '--metrics-file', file, '--current-shards', '64', '--max-shards', '32'),
    ).to.equal(EXIT.blocked);
    expect(out.join('\n')).to.include('the measured load needs at least 45').and.not.to.include('64 -> 32');
  });

  it('reads the budget from a ledger file', async () => {
    const ledger = path.join(dir, 'ledger.json');
    fs.writeFileSync(
      ledger,
      JSON.stringify(Array.from({ length: 8 }, () => ({ at: '2026-01-05T09:00:00Z', from: 2, to: 3, operator: 'x' }))),
    );
    expect(
      await run(
        'plan',
        '--stream',
        'tweets',
        '--metrics-file',
        metricsOf('exhausted-budget'),
        '--current-shards',
        '2',
        '--ledger-file',
        ledger,
      ),
    ).to.equal(EXIT.blocked);
  });

  it('exits 1 with every configuration problem listed', async () => {
    expect(await run('plan', '--metrics-file', metricsOf('steady'), '--min-shards', '9', '--max-shards', '3')).to.equal(
      EXIT.error,
    );
    expect(err.join('\n')).to.include('STREAM_NAME is required').and.include('minShards (9)');
  });

  it('refuses a plan file whose steps break the 2x limit (blocked, before any AWS call)', async () => {
    const planFile = path.join(dir, 'plan.json');
    await run(
      'plan',
      '--stream',
      'tweets',
      '--metrics-file',
      metricsOf('ramp'),
      '--current-shards',
      '2',
      '--out',
      planFile,
    );
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { steps: { from: number; to: number }[] };
    plan.steps = [{ from: 2, to: 5 }];
    fs.writeFileSync(planFile, JSON.stringify(plan));
    expect(await run('apply', '--plan', planFile)).to.equal(EXIT.blocked);
    expect(err.join('\n')).to.include('outside');
  });
});
