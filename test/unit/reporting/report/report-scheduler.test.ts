// Unit tests of the report scheduler: a missed Monday is sent at start, a failed send is retried.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { formatIsoWeek, type IsoWeek } from '../../../../reporting/report/iso-week';
import { ReportScheduler } from '../../../../reporting/report/report-scheduler';

const waitFor = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
};

describe('ReportScheduler', () => {
  const schedule = { timeZone: 'Europe/Madrid', hour: 8, minute: 0 };
  const wednesday = Date.UTC(2026, 10, 25, 12);

  it('at start sends the week whose Monday passed while it was stopped, and schedules Mondays 08:00 in the zone', async () => {
    const sent: string[] = [];
    const scheduler = new ReportScheduler({
      schedule,
      logger: new NullLogger(),
      now: () => wednesday,
      send: (w: IsoWeek) => {
        sent.push(formatIsoWeek(w));
        return Promise.resolve();
      },
    });
    scheduler.start();
    await waitFor(() => sent.length > 0);
    expect(sent).to.deep.equal(['2026-W47']);
    expect(scheduler.pattern).to.equal('0 8 * * 1');
    const next = new Date(scheduler.nextRun()!);
    expect(next.getUTCDay()).to.equal(1);
    expect(next.getUTCHours()).to.equal(7); // 08:00 in Madrid, winter
    await scheduler.stop();
  });

  it('retries a failed send after the retry delay', async () => {
    let attempts = 0;
    const scheduler = new ReportScheduler({
      schedule,
      logger: new NullLogger(),
      now: () => wednesday,
      retryMs: 20,
      send: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error('SMTP down')) : Promise.resolve();
      },
    });
    scheduler.start();
    await waitFor(() => attempts >= 2);
    await scheduler.stop();
    expect(attempts).to.equal(2);
  });
});
