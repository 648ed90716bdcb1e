// The weekly mail's content on the PostgreSQL stand-in, parsed back (mailparser) in English and Spanish: the change against the week before, top terms and their CSV, representative posts, the split, the week's alerts, the dashboard link.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { NullLogger } from '../../../../common/logger';
import { POSTGRESQL } from '../../../../consumer/sinks/redshift/sql-dialect';
import { createTableSql } from '../../../../consumer/sinks/redshift/table-ddl';
import { postTable } from '../../../../consumer/sinks/redshift/table-spec';
import { timestampParam } from '../../../../reporting/posts/post-queries';
import { REPORTING_EXIT } from '../../../../reporting/reporting-errors';
import { runReportCli } from '../../../../reporting/report/report-cli';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';

const TABLE = 'public.post_sentiment';
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0); // Monday 2026-11-23: the default week is 2026-W47 (16-22 Nov)
const HOUR = 3_600_000;
const W46 = Date.UTC(2026, 10, 9, 10); // Monday 9 Nov, 11:00 Madrid
const W47 = Date.UTC(2026, 10, 16, 10);

interface Seed {
  readonly atMs: number;
  readonly label: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
  readonly text: string;
  readonly lang: string;
  readonly source: string;
}
const SCORE = { POSITIVE: [0.9, 0.05], NEGATIVE: [0.05, 0.9], NEUTRAL: [0.1, 0.1] } as const;

async function seed(url: string, posts: readonly Seed[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(createTableSql(POSTGRESQL, postTable(TABLE)));
    for (const [i, p] of posts.entries())
      await client.query(
        `INSERT INTO ${TABLE} (shard_id, sequence_number, sub_sequence_number, post_id, user_name, created_at, arrival_time, lang, text, text_truncated, hashtags, sentiment_label, score_positive, score_negative, score_neutral, score_mixed, source)
         VALUES ('shardId-000000000000', $1, 0, $2, $3, CAST($4 AS TIMESTAMP), CAST($4 AS TIMESTAMP), $5, $6, FALSE, '[]', $7, $8, $9, 0.05, 0, $10)`,
        [
          String(10_000 + i),
          `p${i}`,
          `vecino${i}`,
          timestampParam(p.atMs),
          p.lang,
          p.text,
          p.label,
          ...SCORE[p.label],
          p.source,
        ],
      );
  } finally {
    await client.end();
  }
}

/** W46: 4 posts, 1 negative. W47: 8 posts, 5 negative, the camera fines rising; Spanish and English, x and sample. */
const POSTS: Seed[] = [
  { atMs: W46, label: 'NEGATIVE', text: 'El metro va fatal esta semana', lang: 'es', source: 'x' },
  { atMs: W46 + HOUR, label: 'POSITIVE', text: 'Me encanta el carril bici nuevo', lang: 'es', source: 'x' },
  { atMs: W46 + 2 * HOUR, label: 'POSITIVE', text: 'Great bike lanes downtown', lang: 'en', source: 'sample' },
  { atMs: W46 + 3 * HOUR, label: 'NEUTRAL', text: 'Multas de cámara desde el lunes', lang: 'es', source: 'x' },
  { atMs: W47, label: 'NEGATIVE', text: 'Otra multa de cámara, qué vergüenza', lang: 'es', source: 'x' },
  { atMs: W47 + HOUR, label: 'NEGATIVE', text: 'Multa de cámara injusta otra vez', lang: 'es', source: 'x' },
  {
    atMs: W47 + 2 * HOUR,
    label: 'NEGATIVE',
    text: 'La multa de cámara es un robo <b>total</b>',
    lang: 'es',
    source: 'x',
  },
  { atMs: W47 + 26 * HOUR, label: 'NEGATIVE', text: 'Camera fines everywhere, terrible', lang: 'en', source: 'sample' },
  { atMs: W47 + 27 * HOUR, label: 'NEGATIVE', text: 'Otra multa de cámara en <i>Atocha</i>', lang: 'es', source: 'x' },
  { atMs: W47 + 50 * HOUR, label: 'POSITIVE', text: 'El carril bici de Atocha es genial', lang: 'es', source: 'x' },
  { atMs: W47 + 51 * HOUR, label: 'POSITIVE', text: 'Lovely clean air today', lang: 'en', source: 'sample' },
  { atMs: W47 + 52 * HOUR, label: 'NEUTRAL', text: 'Reunión vecinal el jueves', lang: 'es', source: 'x' },
];

describe('weekly report mail content, English and Spanish', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;
  let dir: string;
  let outbox: string;
  const errors: string[] = [];
  const send = async (locale: string, week: string): Promise<ParsedMail> => {
    const before = new Set(fs.existsSync(outbox) ? fs.readdirSync(outbox) : []);
    const code = await runReportCli(['--send', '--week', week, '--force'], {
      env: {
        REDSHIFT_URL: standIns.postgresUrl,
        REDSHIFT_TLS: 'false',
        ENDPOINTS_FILE: path.join(dir, 'none.json'),
        REPORT_TIME_ZONE: 'Europe/Madrid',
        REPORT_OUTBOX: outbox,
        REPORT_TO: 'policy@example.org',
        REPORT_FROM: 'reports@example.org',
        REPORTING_LOCALE: locale,
        DASHBOARD_PUBLIC_URL: 'https://dashboard.example.org/',
        ALERT_FILE: path.join(dir, 'alerts.jsonl'),
      },
      print: () => undefined,
      printError: (t: string) => errors.push(t),
      logger: new NullLogger(),
      now: () => NOW,
    });
    expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.ok);
    const file = fs.readdirSync(outbox).find((f) => f.endsWith('.eml') && !before.has(f));
    const parsed = await simpleParser(fs.readFileSync(path.join(outbox, file!)), { keepCidLinks: true });
    return parsed;
  };
  const attachment = (mail: ParsedMail, name: string): string =>
    mail.attachments.find((a) => a.filename === name)?.content.toString('utf8') ?? '';

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-content-'));
    outbox = path.join(dir, 'outbox');
    await seed(standIns.postgresUrl, POSTS);
    const alert = (detectedMs: number, terms: string[]) =>
      JSON.stringify({
        kind: 'negative-burst',
        detectedAt: new Date(detectedMs).toISOString(),
        windowStart: new Date(detectedMs - 4 * 60_000).toISOString(),
        windowEnd: new Date(detectedMs - 60_000).toISOString(),
        negativePosts: 4,
        threshold: 3,
        windowMinutes: 5,
        examples: [],
        terms: terms.map((term) => ({ term, posts: 3 })),
        dashboardUrl: 'https://dashboard.example.org/?label=NEGATIVE',
      });
    fs.writeFileSync(
      path.join(dir, 'alerts.jsonl'),
      [alert(W47 + 3 * HOUR, ['multa de cámara']), alert(W46, ['metro']), '{"partial'].join('\n'),
    );
  });
  after(async () => {
    await standIns?.stop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('English: what changed since last week, the rising terms, the posts that stood out, the split, the alert, the link', async () => {
    const mail = await send('en', '2026-W47');
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(mail.subject).to.equal('Weekly sentiment report 2026-W47 (2026-11-16 to 2026-11-22)');
    expect(mail.headers.get('content-language')).to.equal('en');
    // 8 posts against 4: +100%; negative share 5/8 scored against 1/4: +37.5 points.
    expect(text).to.contain('posts: 8 (+100.0% vs the week before)').and.contain('negative share: 62.5% (+37.5 pp vs');
    expect(text).to.contain('Mon Nov 16: 3 / 4 / -25.0% / 100.0%');
    expect(text).to.contain('multa: 4 (negative share 100.0%; week before 0, new, rising)');
    expect(text).to.contain('cámara: 4 (negative share 100.0%; week before 1, +300.0%, rising)');
    // The representative posts mention the top terms (multa, cámara, atocha) first.
    expect(text).to.contain('Three representative negative posts:\n  "Otra multa de cámara en <i>Atocha</i>"');
    expect(text).to.contain('By source: x 6 (75.0%), sample 2 (25.0%)');
    expect(text).to.contain('By language: Spanish 6 (75.0%), English 2 (25.0%)');
    expect(text).to.contain('Negative burst: 4 negative posts').and.contain('(about: multa de cámara)');
    expect(text).to.not.contain('metro)');
    const link = 'https://dashboard.example.org/?from=2026-11-15T23%3A00%3A00.000Z&amp;to=2026-11-22T23%3A00%3A00.000Z';
    expect(html).to.contain(`href="${link}"`).and.contain('Open this week on the dashboard');
    // Post text stays text.
    expect(html).to.contain('Otra multa de cámara en &lt;i&gt;Atocha&lt;/i&gt;').and.not.contain('<i>Atocha');
    const terms = attachment(mail, 'terms-2026-W47.csv').split('\r\n');
    expect(terms[0]).to.equal('term,posts,negative_posts,negative_share,previous_week_posts,change,rising');
    expect(terms).to.include('multa,4,4,1,0,,true').and.include('cámara,4,4,1,1,3,true');
    expect(attachment(mail, 'sentiment-2026-W47.csv').split('\r\n')[0]).to.equal(
      'date,weekday,posts,positive,negative,neutral,mixed,unscored,negative_share,mean_score',
    );
  });

  it('Spanish: the same report in Spanish words, numbers and dates', async () => {
    const mail = await send('es', '2026-W47');
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(mail.subject).to.match(
      /^Informe semanal de sentimiento 2026-W47 \(del lun, 16 nov 2026 al dom, 22 nov 2026\)$/,
    );
    expect(mail.headers.get('content-language')).to.equal('es');
    expect(text).to.match(/publicaciones: 8 \(\+100,0\s%\srespecto a la semana anterior\)/u);
    expect(text).to.match(/proporción negativa: 62,5\s% \(\+37,5 p\. p\. respecto/u);
    expect(text).to.contain('lun 16 nov: 3 / 4 / -25,0').and.contain('De qué se habló:');
    expect(text).to.match(/multa: 4 \(proporción negativa 100,0\s%; semana anterior 0, nuevo, en alza\)/u);
    expect(text).to.match(/Por idioma: español 6 \(75,0\s%\), inglés 2/u);
    expect(text).to.contain('Pico negativo: 4 publicaciones negativas');
    expect(html).to.contain('<html lang="es">').and.contain('Abrir esta semana en el panel');
    expect(html).to.contain('href="https://dashboard.example.org/?from=2026-11-15T23%3A00%3A00.000Z');
  });

  it('a week without posts the week before says so instead of a percentage', async () => {
    const mail = await send('en', '2026-W46');
    expect(mail.text).to.contain('posts: 4 (no posts the week before)');
    // The W46 alert line in the log was detected on Monday 9 November: it belongs to that week.
    expect(mail.text).to.contain('Negative burst: 4 negative posts').and.contain('(about: metro)');
    expect(mail.text).to.contain('No term was used in two posts or more.');
  });
});
