// `npm run x-compliance`: asks X which stored posts were deleted (batch compliance jobs) and forgets them everywhere.
import { parseArgs } from 'node:util';
import type { Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import { COLLECTOR_SETTINGS } from '../../collector/collector-settings';
import { XComplianceJobs } from '../../collector/x/x-compliance-jobs';
import type { FetchLike } from '../../collector/x/x-api';
import { readErasureConfig } from './erasure-config';
import { layoutOf, openStores } from './forget-cli';
import { forget, type ForgetSummary } from './forget-run';
import { storedPostIds, type IdSource } from './stored-post-ids';

export const X_COMPLIANCE_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

/** The `source` the X collector writes on its posts. */
export const X_SOURCE = 'x';

export const X_COMPLIANCE_USAGE = `usage: x-compliance [--ids-from stores|warehouse] [--ids-per-job N] [--poll-seconds N] [--max-wait-minutes N] [--dry-run] [--json]
  Uploads the ids of every stored X post to X's batch compliance jobs (POST /2/compliance/jobs, type tweets), waits
  for each job, and forgets (as \`npm run forget -- --source x --post-id ...\`) every post X answers with action
  "delete": deleted, or its author suspended, protected or deactivated. Safe to rerun: a forgotten post is stored
  nowhere, so it is not uploaded again.
  --ids-from          stores (default): the warehouse, the curated dataset, the raw archive and the dead letters, so
                      posts the warehouse's retention removed or never loaded are checked too; warehouse: one query
  --ids-per-job       ids per compliance job (default 100000); jobs run one after another (X allows one at a time)
  --poll-seconds      time between job status checks (default 30)
  --max-wait-minutes  give up on a job after this long (default 60); exit 1, the next run starts a new job
  --dry-run           ask X, report how many posts would be forgotten; change nothing
  --json              print the summary as JSON
  Settings: X_BEARER_TOKEN (app-only), X_API_BASE_URL, and forget's (ARCHIVE_*, CURATED_*, REDSHIFT_*).
exit codes: 0 done, 1 error (X or a store failed; rerun), 2 bad arguments or configuration`;

export interface XComplianceCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly fetch?: FetchLike;
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function runXComplianceCli(argv: readonly string[], deps: XComplianceCliDeps): Promise<number> {
  let flags: ReturnType<typeof parse>;
  let config: ReturnType<typeof readConfig>;
  try {
    flags = parse(argv);
    if (flags.help) {
      deps.print(X_COMPLIANCE_USAGE);
      return X_COMPLIANCE_EXIT.ok;
    }
    config = readConfig(deps.env);
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${X_COMPLIANCE_USAGE}`);
    return X_COMPLIANCE_EXIT.usage;
  }
  const session = openStores(config, deps.logger);
  try {
    const ids = await storedPostIds(session.stores, layoutOf(config), X_SOURCE, flags.idsFrom, (line) =>
      deps.printError(line),
    );
    const jobs = new XComplianceJobs({
      baseUrl: config.xApiBaseUrl,
      bearerToken: config.xBearerToken,
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
      pollIntervalMs: flags.pollSeconds * 1_000,
      maxWaitMs: flags.maxWaitMinutes * 60_000,
      sleep: deps.sleep ?? ((ms) => sleep(ms)),
    });
    const deleted = new Set<string>();
    const jobIds: string[] = [];
    for (let i = 0; i < ids.length; i += flags.idsPerJob) {
      const chunk = ids.slice(i, i + flags.idsPerJob);
      deps.printError(`compliance job ${jobIds.length + 1}: ${chunk.length} post ids`);
      const result = await jobs.deletedPosts(`kinesis-toolkit-${Date.now()}-${jobIds.length + 1}`, chunk);
      jobIds.push(result.jobId);
      for (const id of result.deleted) deleted.add(id);
      deps.printError(`compliance job ${result.jobId}: ${result.deleted.length} posts to delete`);
    }
    let forgotten: ForgetSummary | undefined;
    if (deleted.size > 0)
      forgotten = await forget(
        session.stores,
        layoutOf(config),
        { source: X_SOURCE, postIds: deleted, users: new Set() },
        { dryRun: flags.dryRun, progress: (line) => deps.printError(line) },
      );
    const summary = {
      dryRun: flags.dryRun,
      jobs: jobIds,
      postsChecked: ids.length,
      postsDeletedOnX: deleted.size,
      removed: forgotten?.removed ?? 0,
      ...(forgotten === undefined ? {} : { forget: forgotten }),
    };
    deps.logger.info('x compliance done', summary);
    deps.print(
      flags.json
        ? JSON.stringify(summary)
        : `${ids.length} X posts checked in ${jobIds.length} compliance jobs: ${deleted.size} deleted on X, ${summary.removed} records ${flags.dryRun ? 'would be ' : ''}forgotten`,
    );
    return X_COMPLIANCE_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('x compliance failed', { error: describeError(error) });
    deps.printError(`x-compliance failed: ${describeError(error)}`);
    return X_COMPLIANCE_EXIT.error;
  } finally {
    await session.close();
  }
}

function readConfig(env: Source) {
  return readErasureConfig('x-compliance configuration', env, (reader) => {
    const token = reader.raw(COLLECTOR_SETTINGS.xBearerToken.variable);
    if (token === undefined) reader.problem(`${COLLECTOR_SETTINGS.xBearerToken.variable} is required`);
    return {
      xApiBaseUrl: reader.string(COLLECTOR_SETTINGS.xApiBaseUrl.variable, COLLECTOR_SETTINGS.xApiBaseUrl.default),
      xBearerToken: token ?? '',
    };
  });
}

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'ids-per-job': { type: 'string', default: '100000' },
      'poll-seconds': { type: 'string', default: '30' },
      'max-wait-minutes': { type: 'string', default: '60' },
      'ids-from': { type: 'string', default: 'stores' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const positive = (name: 'ids-per-job' | 'poll-seconds' | 'max-wait-minutes', min: number): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) problems.push(`--${name} must be a whole number >= ${min}`);
    return n;
  };
  const idsFrom = values['ids-from'];
  if (idsFrom !== 'stores' && idsFrom !== 'warehouse') problems.push('--ids-from must be stores or warehouse');
  const result = {
    help: values.help,
    idsFrom: idsFrom as IdSource,
    dryRun: values['dry-run'],
    json: values.json,
    idsPerJob: positive('ids-per-job', 1),
    pollSeconds: positive('poll-seconds', 0),
    maxWaitMinutes: positive('max-wait-minutes', 1),
  };
  if (problems.length > 0 && !values.help) throw new ConfigError('x-compliance arguments', problems);
  return result;
}
