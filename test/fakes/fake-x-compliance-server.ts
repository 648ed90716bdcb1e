// A fake of X's batch compliance jobs on loopback: bearer-checked job calls, a signed-URL upload and download, scripted results.
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

interface FakeJob {
  readonly id: string;
  status: 'created' | 'in_progress' | 'complete';
  uploaded: string[];
  polls: number;
}

export class FakeXComplianceServer extends LoopbackHttpFake {
  public readonly jobs: FakeJob[] = [];
  /** Authorization headers seen on the upload and download URLs (X's are storage URLs: the token must not go there). */
  public readonly storageAuthorizations: string[] = [];

  /**
   * `deleted`: ids answered with action "delete" (reason "deleted"); `scrubGeo`: ids answered with another action,
   * which must be ignored. A job completes on its second status poll.
   */
  public constructor(
    private readonly token: string,
    private readonly deleted: ReadonlySet<string>,
    private readonly scrubGeo: ReadonlySet<string> = new Set(),
  ) {
    super();
  }

  protected respond(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.endpoint);
    const send = (status: number, value: unknown, type = 'application/json'): void => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    const storage = /^\/storage\/(upload|download)\/(\d+)$/.exec(url.pathname);
    if (storage !== null) {
      this.storageAuthorizations.push(req.headers.authorization ?? '');
      const job = this.jobs.find((j) => j.id === storage[2]);
      if (job === undefined) return send(404, { title: 'Not Found' });
      if (storage[1] === 'upload' && req.method === 'PUT') {
        job.uploaded = body
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== '');
        job.status = 'in_progress';
        return send(200, '', 'text/plain');
      }
      if (storage[1] === 'download' && req.method === 'GET' && job.status === 'complete')
        return send(200, this.results(job.uploaded), 'application/octet-stream');
      return send(409, { title: 'Conflict' });
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { title: 'Unauthorized' });
    if (url.pathname === '/2/compliance/jobs' && req.method === 'POST') {
      const request = JSON.parse(body.toString('utf8')) as { type?: string };
      if (request.type !== 'tweets') return send(400, { title: 'Invalid Request', detail: 'type must be tweets' });
      if (this.jobs.some((j) => j.status !== 'complete'))
        return send(400, { title: 'Invalid Request', detail: 'one concurrent job per type' });
      const job: FakeJob = {
        id: String(1_700_000_000_000 + this.jobs.length),
        status: 'created',
        uploaded: [],
        polls: 0,
      };
      this.jobs.push(job);
      return send(200, { data: this.describe(job) });
    }
    const poll = /^\/2\/compliance\/jobs\/(\d+)$/.exec(url.pathname);
    const job = poll === null ? undefined : this.jobs.find((j) => j.id === poll[1]);
    if (job !== undefined && req.method === 'GET') {
      job.polls += 1;
      if (job.status === 'in_progress' && job.polls >= 2) job.status = 'complete';
      return send(200, { data: this.describe(job) });
    }
    return send(404, { title: 'Not Found' });
  }

  private describe(job: FakeJob): object {
    return {
      id: job.id,
      type: 'tweets',
      status: job.status,
      upload_url: `${this.endpoint}/storage/upload/${job.id}`,
      download_url: `${this.endpoint}/storage/download/${job.id}`,
      created_at: new Date().toISOString(),
    };
  }

  private results(ids: readonly string[]): string {
    const at = new Date().toISOString();
    return ids
      .flatMap((id) =>
        this.deleted.has(id)
          ? [{ id, action: 'delete', created_at: at, redacted_at: at, reason: 'deleted' }]
          : this.scrubGeo.has(id)
            ? [{ id, action: 'scrub_geo', created_at: at, redacted_at: at, reason: 'scrub_geo' }]
            : [],
      )
      .map((line) => JSON.stringify(line))
      .join('\n');
  }
}
