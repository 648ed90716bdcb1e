// Measures the alert's reaction time in the demo: scripted negative bursts through the real pipeline, the real alerter as a child, time from a burst's 4th post to its alert line.
import * as path from 'node:path';
import { alertEnv } from '../../reporting/alerts/alert-settings';
import type { Logger } from '../../common/logger';
import type { KinesisProducer } from '../../producer';
import { REPO_ROOT } from '../../common/repo-root';
import { sleep } from '../../common/sleep';
import { percentileOfSorted } from '../../common/percentile';
import { superviseComponent } from '../start/supervised-component';
import { AlertsFileTail } from '../start/alerts-file-tail';

/** Burst posts carry ids with this prefix, so the demo's reconciliation can leave them out. */
export const BURST_ID_PREFIX = 'burst-';

/** The demo's alerter: the default threshold (more than 3), a 12 s window so bursts can follow each other quickly, polled every second. */
const WINDOW_MS = 12_000;
const LATENESS_MS = 10_000;
const ALERTER_ENV = alertEnv({
  windowMinutes: WINDOW_MS / 60_000,
  latenessMinutes: LATENESS_MS / 60_000,
  cooldownMinutes: 0,
  intervalSeconds: 1,
  stateFile: 'none',
  threshold: 3,
});

export interface TimeToAlertOptions {
  readonly producer: KinesisProducer;
  readonly runId: string;
  readonly postgresUrl: string;
  readonly postsTable: string;
  readonly dir: string;
  readonly bursts: number;
  /** When the last earlier (traced) post was produced: the alerter starts once those are too old to count. */
  readonly quietSinceMs: number;
  readonly logger: Logger;
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal;
}

export interface TimeToAlert {
  /** One figure per burst that alerted, ms from handing the 4th negative post to the producer to the alert line in the file. */
  readonly samplesMs: readonly number[];
  readonly missed: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export async function measureTimeToAlert(options: TimeToAlertOptions): Promise<TimeToAlert> {
  const alertsFile = path.join(options.dir, 'alerts.jsonl');
  // Traced posts include negative ones: wait until they fall outside what the alerter looks at.
  const quietUntil = options.quietSinceMs + WINDOW_MS + LATENESS_MS;
  if (Date.now() < quietUntil) await sleep(quietUntil - Date.now());
  const alerter = await superviseComponent(
    {
      name: 'demo-alerter',
      script: path.join(REPO_ROOT, 'dist', 'scripts', 'alert.js'),
      env: {
        ...ALERTER_ENV,
        ...alertEnv({
          redshiftUrl: options.postgresUrl,
          redshiftTls: false,
          redshiftPostsTable: options.postsTable,
          alertsFile,
          endpointsFile: path.join(options.dir, 'no-endpoints.json'),
          logFile: path.join(options.dir, 'logs', 'demo-alerter.json.log'),
        }),
      },
    },
    { logsDir: path.join(options.dir, 'logs'), logger: options.logger },
  );
  const samples: number[] = [];
  let missed = 0;
  // Reads only what the alerter appends (the demo polls every 50 ms; the file grows with every burst).
  const alerts = new AlertsFileTail(alertsFile);
  try {
    await sleep(1_500);
    for (let burst = 0; burst < options.bursts && !options.signal.aborted; burst += 1) {
      alerts.newLines();
      let fourthAt = 0;
      for (let i = 0; i < 4; i += 1) {
        const now = Date.now();
        if (i === 3) fourthAt = now;
        const id = `${BURST_ID_PREFIX}${options.runId}-${burst}-${i}`;
        const data = JSON.stringify({
          id,
          text: 'The #transitpolicy is a disaster, buses late again 😡',
          lang: 'en',
          created_at: new Date(now).toISOString(),
          user: { screen_name: `angry${burst}${i}` },
          hashtags: ['transitpolicy'],
        });
        void options.producer
          .put({ partitionKey: id, data })
          .catch((error: unknown) => options.logger.warn('burst post not accepted', { error: String(error) }));
        if (i < 3) await sleep(300);
      }
      const deadline = fourthAt + 60_000;
      let alerted = false;
      while (!(alerted = alerts.newLines().length > 0) && Date.now() < deadline && !options.signal.aborted)
        await sleep(50);
      if (alerted) {
        samples.push(Date.now() - fourthAt);
        options.progress(
          `burst ${burst + 1}/${options.bursts}: alert ${((Date.now() - fourthAt) / 1000).toFixed(1)} s after the 4th negative post`,
        );
      } else {
        missed += 1;
        options.progress(`burst ${burst + 1}/${options.bursts}: no alert within 60 s`);
      }
      // The next burst counts as new only once this one has left the alerter's window.
      const clear = fourthAt + WINDOW_MS + 1_500;
      if (burst + 1 < options.bursts && Date.now() < clear) await sleep(clear - Date.now());
    }
  } finally {
    await alerter.stop();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samplesMs: samples,
    missed,
    p50Ms: percentileOfSorted(sorted, 0.5),
    p95Ms: percentileOfSorted(sorted, 0.95),
  };
}
