// The --metrics-file format: a saved window replays exactly, and a malformed file is refused with the reason.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportWindow, windowFromExport } from '../../../../operator/scaler/metrics-export';
import { MetricsFileError } from '../../../../operator/scaler/scaler-errors';
import { REPO_ROOT } from '../../../../common/repo-root';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/metrics');

describe('metrics export file', () => {
  it('round-trips a recorded window (what --save-metrics writes, --metrics-file reads)', () => {
    const exported = (
      JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ramp.json'), 'utf8')) as { metrics: { series: unknown } }
    ).metrics;
    expect(exportWindow(windowFromExport(exported), 'tweets')).to.deep.equal(exported);
  });

  it('refuses a file whose series holds something other than numbers and nulls', () => {
    const bad = {
      periodSeconds: 60,
      start: '2026-01-05T10:00:00Z',
      end: '2026-01-05T11:00:00Z',
      series: { IncomingBytes: [1, 'x'] },
    };
    expect(() => windowFromExport(bad)).to.throw(MetricsFileError, 'IncomingBytes[1]');
    expect(() => windowFromExport({ ...bad, end: bad.start })).to.throw(MetricsFileError, 'end after start');
  });
});
