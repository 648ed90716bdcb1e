// Unit tests for the people's side's locale: REPORTING_LOCALE, Accept-Language negotiation and the formatters.
import { expect } from 'chai';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { localeFormat, localeOfTag, negotiateLocale, readLocale } from '../../../../reporting/i18n/locale';

describe('reporting locale', () => {
  it('reads REPORTING_LOCALE, defaulting to English', () => {
    expect(readLocale(new ConfigReader('t', [{ REPORTING_LOCALE: 'es' }]))).to.equal('es');
    expect(readLocale(new ConfigReader('t', [{}]))).to.equal('en');
  });

  it('reports a locale it does not have as a configuration problem', () => {
    const reader = new ConfigReader('t', [{ REPORTING_LOCALE: 'fr' }]);
    readLocale(reader);
    expect(() => reader.finish({})).to.throw(ConfigError, /REPORTING_LOCALE must be one of en, es, got "fr"/);
  });

  it('maps regional tags to their language', () => {
    expect(localeOfTag('es-MX')).to.equal('es');
    expect(localeOfTag('EN_us')).to.equal('en');
    expect(localeOfTag('fr-FR')).to.equal(undefined);
  });

  it('negotiates Accept-Language by weight, skipping what it lacks and q=0', () => {
    expect(negotiateLocale('fr-FR,es;q=0.8,en;q=0.5', 'en')).to.equal('es');
    expect(negotiateLocale('es;q=0, en-GB', 'es')).to.equal('en');
    expect(negotiateLocale('de, fr', 'es')).to.equal('es');
    expect(negotiateLocale(undefined, 'en')).to.equal('en');
    expect(negotiateLocale('en;q=0.5, es;q=0.5', 'en')).to.equal('en');
  });

  it('formats numbers, shares and dates for the locale in the zone', () => {
    const es = localeFormat('es', 'America/Mexico_City');
    const en = localeFormat('en', 'America/Mexico_City');
    expect(en.integer(12345)).to.equal('12,345');
    expect(es.integer(12345)).to.match(/^12[.\s\u00a0\u202f]?345$/);
    expect(en.percent(0.636)).to.equal('63.6%');
    expect(es.percent(0.636)).to.match(/^63,6\s?%$/u);
    expect(en.points(0.042)).to.equal('+4.2 pp');
    expect(es.points(-0.042)).to.match(/^-4,2 p\. p\.$/);
    // 2026-12-07T05:30Z is 23:30 on Sunday the 6th in Mexico City (UTC-6).
    const ms = Date.UTC(2026, 11, 7, 5, 30);
    expect(en.date(ms)).to.equal('Sun, Dec 6, 2026');
    expect(es.date(ms)).to.match(/^dom, 6 dic 2026$/);
    expect(en.time(ms)).to.equal('23:30');
  });
});
