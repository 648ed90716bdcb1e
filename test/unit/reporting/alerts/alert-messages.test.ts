// The alert's words in English and Spanish (REPORTING_LOCALE), the plain text and the SNS subject, for both rules.
import { expect } from 'chai';
import { composeAlertMessage } from '../../../../reporting/alerts/alert-messages';
import { alertSubject, alertText } from '../../../../reporting/alerts/alert-text';
import type { BurstAlert, ShareAlert } from '../../../../reporting/alerts/burst-alert';
import { localeFormat, type Locale } from '../../../../reporting/i18n/locale';

const ZONE = 'Europe/Madrid';
const burst: BurstAlert = {
  kind: 'negative-burst',
  detectedAt: '2026-11-20T10:05:00.000Z',
  negativePosts: 4,
  windowStart: '2026-11-20T10:00:00.000Z',
  windowEnd: '2026-11-20T10:04:00.000Z',
  threshold: 3,
  windowMinutes: 5,
  examples: [{ postId: '42', user: 'rider7', postedAt: '2026-11-20T10:04:00.000Z', text: 'Tarifas otra vez & <sigh>' }],
  terms: [
    { term: 'tarifas', posts: 3 },
    { term: 'metro', posts: 2 },
  ],
  dashboardUrl:
    'http://127.0.0.1:4570/?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T10%3A05%3A00.000Z&label=NEGATIVE',
};
const share: ShareAlert = {
  ...burst,
  kind: 'negative-share',
  negativePosts: 1234,
  scoredPosts: 2000,
  negativeShare: 0.617,
  baselineNegativePosts: 1400,
  baselineScoredPosts: 14000,
  baselineShare: 0.1,
  baselineDays: 7,
  marginPoints: 20,
  windowStart: '2026-11-20T09:05:00.000Z',
  windowEnd: '2026-11-20T10:05:00.000Z',
  windowMinutes: 60,
};
const message = (alert: BurstAlert | ShareAlert, locale: Locale) =>
  composeAlertMessage(alert, localeFormat(locale, ZONE), ZONE);

describe('alert messages', () => {
  it('writes the burst in English, times in the configured zone', () => {
    const text = alertText(message(burst, 'en'));
    expect(text)
      .to.contain('4 NEGATIVE posts between 11:00 and 11:04 on Fri, Nov 20, 2026')
      .and.contain('more than the 3 allowed within 5 minutes.');
    expect(text).to.contain('What they are about: tarifas (3), metro (2)');
    expect(text).to.contain(`Open the dashboard on these posts: ${burst.dashboardUrl}`);
    expect(text).to.contain('- 11:04 @rider7 Tarifas otra vez & <sigh>');
    expect(text).to.contain('(times in Europe/Madrid)');
    expect(alertSubject(message(burst, 'en'))).to.equal('Negative burst: 4 negative posts within 5 min');
  });

  it('writes the burst in Spanish', () => {
    const text = alertText(message(burst, 'es'));
    expect(text)
      .to.contain('4 publicaciones NEGATIVAS entre las 11:00 y las 11:04 del vie, 20 nov 2026')
      .and.contain('más de las 3 permitidas en 5 minutos.');
    expect(text).to.contain('De qué hablan: tarifas (3), metro (2)');
    expect(text).to.contain('Ver estas publicaciones en el panel: http://127.0.0.1:4570/');
    expect(text).to.contain('Ejemplos:');
    expect(alertSubject(message(burst, 'es'))).to.equal('Pico negativo: 4 publicaciones negativas en 5 min');
  });

  it('writes the share rule in both languages, numbers formatted for the locale', () => {
    const en = alertText(message(share, 'en'));
    expect(en).to.contain('1,234 of 2,000 scored posts were NEGATIVE: 61.7%');
    expect(en).to.contain('previous 7 days: 10.0% (1,400 of 14,000); that is +51.7 pp, more than the 20.0 pp margin.');
    const es = alertText(message(share, 'es'));
    expect(es).to.contain('1234 de 2000 publicaciones puntuadas fueron NEGATIVAS: 61,7\u00a0%');
    expect(es).to.contain('los 7 días anteriores: 10,0\u00a0% (1400 de 14.000)');
  });

  it('gives SNS an ASCII subject under 100 characters, accents folded', () => {
    const subject = alertSubject(message(share, 'es'));
    expect(subject).to.equal('Proporcion negativa por encima de lo normal: 61,7 % en la ultima hora (normal 10,0 %)');
    expect(subject).to.match(/^[\x20-\x7e]{1,99}$/);
  });

  it('leaves the terms line out when no term is shared by two posts', () => {
    expect(alertText(message({ ...burst, terms: [] }, 'en'))).to.not.contain('What they are about');
  });
});
