// Configuration of the people tools: where posts are read from, alert settings, every problem reported at once, no password echoed.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigReader } from '../../../common/config/config-reader';
import { ConfigError } from '../../../common/errors';
import { readAlertConfig } from '../../../reporting/alerts/alert-config';
import { readPostsSource } from '../../../reporting/posts/posts-source';

describe('people configuration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-config-'));
  const endpoints = path.join(dir, 'endpoints.json');
  fs.writeFileSync(
    endpoints,
    JSON.stringify({
      postgres: {
        url: 'postgres://postgres:pw@127.0.0.1:15432/sinks',
        tables: ['public.post_sentiment', 'public.vehicle_readings'],
      },
    }),
  );
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const source = (env: Record<string, string>) => {
    const reader = new ConfigReader('test', [env]);
    const value = readPostsSource(reader);
    return reader.finish({ value }).value;
  };

  it('reads the local stack from the endpoints file `npm start` writes, without TLS', () => {
    expect(source({ ENDPOINTS_FILE: endpoints })).to.deep.include({
      url: 'postgres://postgres:pw@127.0.0.1:15432/sinks',
      table: 'public.post_sentiment',
      tls: { enabled: false, rejectUnauthorized: true },
      origin: endpoints,
    });
  });

  it('prefers REDSHIFT_URL, with TLS on by default', () => {
    expect(
      source({
        ENDPOINTS_FILE: endpoints,
        REDSHIFT_URL: 'postgres://reader@cluster:5439/dev',
        REDSHIFT_POSTS_TABLE: 'analytics.posts',
      }),
    ).to.deep.include({
      url: 'postgres://reader@cluster:5439/dev',
      table: 'analytics.posts',
      tls: { enabled: true, rejectUnauthorized: true },
      origin: 'REDSHIFT_URL',
    });
  });

  it('lists every problem at once and never echoes the URL password', () => {
    const error = (() => {
      try {
        source({ REDSHIFT_URL: 'mysql://u:hunter2@h/db', REDSHIFT_POSTS_TABLE: 'Posts; DROP', REDSHIFT_TLS: 'maybe' });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.have.length(3);
    expect((error as Error).message).to.not.contain('hunter2');
  });

  it('says how to get a URL when neither REDSHIFT_URL nor the endpoints file has one', () => {
    expect(() => source({ ENDPOINTS_FILE: path.join(dir, 'missing.json') })).to.throw(ConfigError, /npm start/);
  });

  it('alert: defaults to more than 3 negatives in 5 minutes, 15 s polls and .local/alerts.jsonl', () => {
    const config = readAlertConfig({}, { ENDPOINTS_FILE: endpoints });
    expect(config.detector).to.deep.equal({
      threshold: 3,
      windowMs: 300_000,
      cooldownMs: 600_000,
      latenessMs: 600_000,
    });
    expect(config).to.deep.include({
      intervalSeconds: 15,
      alertsFile: '.local/alerts.jsonl',
      stateFile: '.local/alert-state.json',
    });
    expect(config.topicArn).to.equal(undefined);
  });

  it('alert: flags override the environment; every bad setting is reported at once', () => {
    expect(
      readAlertConfig({ ALERT_THRESHOLD: '5' }, { ENDPOINTS_FILE: endpoints, ALERT_THRESHOLD: '9' }).detector.threshold,
    ).to.equal(5);
    expect(() =>
      readAlertConfig(
        { ALERT_THRESHOLD: '-1' },
        { ENDPOINTS_FILE: endpoints, ALERT_SNS_TOPIC_ARN: 'my-topic', ALERT_INTERVAL_SECONDS: '0' },
      ),
    ).to.throw(ConfigError, /3 problem[\s\S]*ALERT_SNS_TOPIC_ARN must be an SNS topic ARN/);
    expect(() => readAlertConfig({ ALERT_FILE: 'none' }, { ENDPOINTS_FILE: endpoints })).to.throw(
      ConfigError,
      /no alert channel/,
    );
  });
});
