// Unit tests of the report scheduler: a missed Monday is sent at start, a failed send is retried.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { formatIsoWeek, type IsoWeek } from '../../../../reporting/report/iso-week';
import { ReportScheduler } from '../../../../reporting/report/report-scheduler';
import { ManualSleep, until } from '../../../support/manual-time';

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
    await until(() => sent.length > 0, 'the catch-up send');
    expect(sent).to.deep.equal(['2026-W47']);
    expect(scheduler.pattern).to.equal('0 8 * * 1');
    const next = new Date(scheduler.nextRun()!);
    expect(next.getUTCDay()).to.equal(1);
    expect(next.getUTCHours()).to.equal(7); // 08:00 in Madrid, winter
    await scheduler.stop();
  });

  it('retries a failed send after the retry delay, doubling it, and stop() ends a pending retry', async () => {
    let attempts = 0;
    const time = new ManualSleep();
    const scheduler = new ReportScheduler({
      schedule,
      logger: new NullLogger(),
      now: () => wednesday,
      retryMs: 60_000,
      sleep: time.sleep,
      send: () => {
        attempts += 1;
        return attempts <= 2 ? Promise.reject(new Error('SMTP down')) : Promise.resolve();
      },
    });
    scheduler.start();
    await until(() => time.pending === 1, 'the first retry delay');
    expect(attempts).to.equal(1);
    time.wakeNext();
    await until(() => time.pending === 1 && attempts === 2, 'the second retry delay');
    time.wakeNext();
    await until(() => attempts === 3, 'the third attempt');
    expect(time.requested).to.deep.equal([60_000, 120_000]);
    await scheduler.stop();
    expect(time.pending).to.equal(0);
  });

  it('stop() ends a pending retry without sending again', async () => {
    let attempts = 0;
    const time = new ManualSleep();
    const scheduler = new ReportScheduler({
      schedule,
      logger: new NullLogger(),
      now: () => wednesday,
      sleep: time.sleep,
      send: () => {
        attempts += 1;
        return Promise.reject(new Error('SMTP down'));
      },
    });
    scheduler.start();
    await until(() => time.pending === 1, 'the retry delay');
    await scheduler.stop();
    await until(() => time.pending === 0, 'the retry wait to end');
    expect(attempts).to.equal(1);
  });
});
