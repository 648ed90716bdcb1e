// The seeded history npm start backfills: deterministic, a daily rhythm, quieter weekends, mostly Spanish, rising topics, weekday bursts.
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { HISTORY_SOURCE, historyPosts, type HistoryPost } from '../../../../local/start/history-posts';

const OPTIONS = {
  seed: 2026,
  endMs: Date.UTC(2026, 11, 6, 15, 0),
  days: 28,
  postsPerDay: 600,
  timeZone: 'Europe/Madrid',
};
const posts = historyPosts(OPTIONS);
const body = (p: HistoryPost): { id: string; text: string; lang: string; created_at: string; source: string } =>
  JSON.parse(p.record.data) as { id: string; text: string; lang: string; created_at: string; source: string };
const local = (p: HistoryPost): DateTime => DateTime.fromMillis(p.createdAtMs, { zone: OPTIONS.timeZone });

describe('history posts (npm start backfill)', () => {
  it('the same options give the same posts, in time order, with unique ids, all before the end and marked as backfill', () => {
    expect(JSON.stringify(historyPosts(OPTIONS))).to.equal(JSON.stringify(posts));
    expect(posts.every((p, i) => i === 0 || p.createdAtMs >= posts[i - 1]!.createdAtMs)).to.equal(true);
    expect(new Set(posts.map((p) => body(p).id)).size).to.equal(posts.length);
    expect(posts.every((p) => p.createdAtMs < OPTIONS.endMs && body(p).source === HISTORY_SOURCE)).to.equal(true);
    expect(body(posts[0]!).created_at).to.equal(new Date(posts[0]!.createdAtMs).toISOString());
  });

  it('follows a daily rhythm (evenings busier than nights) and quieter weekends, mostly in Spanish', () => {
    const byHour = (h: number): number => posts.filter((p) => local(p).hour === h).length;
    expect(byHour(19)).to.be.greaterThan(5 * byHour(4));
    const full = posts.filter(
      (p) => p.createdAtMs < DateTime.fromMillis(OPTIONS.endMs, { zone: OPTIONS.timeZone }).startOf('day').toMillis(),
    );
    const weekday = full.filter((p) => local(p).weekday <= 5).length / 20;
    const weekend = full.filter((p) => local(p).weekday >= 6).length / 8;
    expect(weekend).to.be.lessThan(0.8 * weekday);
    const spanish = posts.filter((p) => body(p).lang === 'es').length / posts.length;
    expect(spanish).to.be.within(0.6, 0.8);
  });

  it('a topic rises (camera fines in the last week) and weekday evenings have a burst of complaints', () => {
    const fines = (from: number, to: number): number =>
      posts.filter(
        (p) => p.createdAtMs >= from && p.createdAtMs < to && /multa de (las )?cámara|camera fine/i.test(body(p).text),
      ).length;
    const week = 7 * 86_400_000;
    expect(fines(OPTIONS.endMs - week, OPTIONS.endMs)).to.be.greaterThan(
      3 * fines(OPTIONS.endMs - 4 * week, OPTIONS.endMs - 3 * week),
    );
    const weekdayEvening = posts.filter(
      (p) =>
        local(p).weekday <= 5 && /tráfico es horrible|total disaster|fracaso total|buses are awful/.test(body(p).text),
    );
    expect(weekdayEvening.length).to.be.at.least(8 * 18);
    expect(weekdayEvening.every((p) => local(p).hour >= 18 && local(p).hour <= 19)).to.equal(true);
  });
});
