// Builds the configured source: X filtered stream, Instagram poller, samples or a file.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Logger } from '../common/logger';
import type { MetricsSink } from '../common/metrics/metrics-sink';
import type { CollectedPost } from './collected-post';
import type { CollectorConfig } from './collector-config';
import { HashtagBudgetLedger } from './instagram/hashtag-budget-ledger';
import { InstagramGraphApi } from './instagram/instagram-graph-api';
import { InstagramPoller } from './instagram/instagram-poller';
import type { PostSourceRun } from './source-stats';
import { FilePosts } from './sources/file-posts';
import { SamplePosts } from './sources/sample-posts';
import { XApi } from './x/x-api';
import { XFilteredStream } from './x/x-filtered-stream';
import { XReadLedger } from './x/x-read-ledger';

export function createSource(
  config: CollectorConfig,
  logger: Logger,
  stdin: () => Readable,
  metrics?: { readonly sink: MetricsSink; readonly dimensions: Readonly<Record<string, string>> },
): PostSourceRun<CollectedPost> {
  const { source, hashtag } = config;
  switch (source.kind) {
    case 'x':
      return new XFilteredStream({
        api: new XApi({ baseUrl: source.baseUrl, bearerToken: source.bearerToken }),
        hashtag,
        logger,
        stallTimeoutMs: source.stallTimeoutMs,
        ledger: new XReadLedger(source.readLedgerFile, source.monthlyReadBudget),
        ...(metrics === undefined ? {} : { metrics: metrics.sink, metricDimensions: metrics.dimensions }),
      });
    case 'instagram':
      return new InstagramPoller({
        api: new InstagramGraphApi({ baseUrl: source.baseUrl, accessToken: source.accessToken, userId: source.userId }),
        ledger: new HashtagBudgetLedger(source.budgetFile),
        userId: source.userId,
        hashtag,
        intervalMs: source.intervalMs,
        logger,
      });
    case 'sample':
      return new SamplePosts(source.ratePerSecond, source.seed, `s${source.seed}`);
    case 'file': {
      const path = source.path;
      return new FilePosts(() => (path === '-' ? stdin() : fs.createReadStream(path, 'utf8')));
    }
  }
}
