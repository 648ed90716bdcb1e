// X API v2 batch compliance jobs for posts: create a job, upload the ids, wait for it, read which posts X says to delete.
import { ToolkitError } from '../../common/errors';
import { SourceHttpError } from '../collector-errors';
import { XApi, type FetchLike } from './x-api';

/** Source: X API v2, POST /2/compliance/jobs and GET /2/compliance/jobs/:id (docs.x.com, "Batch compliance"). */
export const COMPLIANCE_JOBS_PATH = '/2/compliance/jobs';

/** A job as X describes it; field names verbatim. `status`: created, in_progress, complete, failed or expired. */
export interface ComplianceJob {
  readonly id: string;
  readonly status: string;
  readonly upload_url: string;
  readonly download_url: string;
}

/**
 * One line of a job's result file (newline-delimited JSON, only ids with a compliance event appear): `action` is
 * `delete` when the stored copy must be deleted (`reason`: deleted, suspended, protected, deactivated...).
 */
export interface ComplianceResult {
  readonly id: string;
  readonly action: string;
  readonly reason?: string;
}

export class ComplianceJobError extends ToolkitError {
  public constructor(message: string, retryable = false) {
    super('X_COMPLIANCE_JOB_FAILED', message, { retryable });
  }
}

export interface XComplianceOptions {
  readonly baseUrl: string;
  readonly bearerToken: string;
  readonly fetch?: FetchLike;
  /** Time between status polls (X processes a job in minutes). */
  readonly pollIntervalMs: number;
  /** Give up (retryable error) after this long; the next scheduled run starts a new job. */
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export class XComplianceJobs {
  private readonly api: XApi;
  private readonly fetch: FetchLike;

  public constructor(private readonly options: XComplianceOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.api = new XApi({ baseUrl: options.baseUrl, bearerToken: options.bearerToken, fetch: this.fetch });
  }

  /**
   * Runs one `tweets` job over `ids` and resolves with the ids X marks `action: delete`. The upload and download go to
   * the signed URLs X returns, without the bearer token (they are storage URLs, not the API).
   */
  public async deletedPosts(name: string, ids: readonly string[]): Promise<{ jobId: string; deleted: string[] }> {
    const job = readJob(await this.api.json('POST', COMPLIANCE_JOBS_PATH, { type: 'tweets', name }));
    const upload = await this.fetch(job.upload_url, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: `${ids.join('\n')}\n`,
    });
    if (!upload.ok) throw new SourceHttpError('x', 'PUT compliance upload', upload.status, '');
    const done = await this.waitForCompletion(job.id);
    const download = await this.fetch(done.download_url, { method: 'GET' });
    if (!download.ok) throw new SourceHttpError('x', 'GET compliance download', download.status, '');
    return {
      jobId: job.id,
      deleted: parseResults(await download.text())
        .filter((r) => r.action === 'delete')
        .map((r) => r.id),
    };
  }

  private async waitForCompletion(jobId: string): Promise<ComplianceJob> {
    const now = this.options.now ?? Date.now;
    const deadline = now() + this.options.maxWaitMs;
    for (;;) {
      const job = readJob(await this.api.json('GET', `${COMPLIANCE_JOBS_PATH}/${encodeURIComponent(jobId)}`));
      if (job.status === 'complete') return job;
      if (job.status === 'failed' || job.status === 'expired')
        throw new ComplianceJobError(`X compliance job ${jobId} ended ${job.status}`);
      if (now() >= deadline)
        throw new ComplianceJobError(`X compliance job ${jobId} not complete after ${this.options.maxWaitMs} ms`, true);
      await this.options.sleep(this.options.pollIntervalMs);
    }
  }
}

function readJob(body: unknown): ComplianceJob {
  const data = (body as { data?: Partial<ComplianceJob> } | null)?.data;
  if (
    data === undefined ||
    typeof data.id !== 'string' ||
    typeof data.status !== 'string' ||
    typeof data.upload_url !== 'string' ||
    typeof data.download_url !== 'string'
  )
    throw new ComplianceJobError('X answered a compliance job call without id, status, upload_url and download_url');
  return data as ComplianceJob;
}

/** The result file's lines; a line that is not a JSON object with a string id and action is skipped. */
export function parseResults(text: string): ComplianceResult[] {
  const results: ComplianceResult[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as { id?: unknown; action?: unknown; reason?: unknown } | null;
      const id = typeof value?.id === 'number' ? String(value.id) : value?.id;
      if (typeof id === 'string' && typeof value?.action === 'string')
        results.push({
          id,
          action: value.action,
          ...(typeof value.reason === 'string' ? { reason: value.reason } : {}),
        });
    } catch {
      continue;
    }
  }
  return results;
}
