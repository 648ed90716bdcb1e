// A fake of the Instagram Graph API hashtag search on loopback: access-token and user checks, ig_hashtag_search, paged recent_media.
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export interface FakeMedia {
  readonly id: string;
  readonly caption?: string;
  /** Instagram's form: 2026-11-30T05:00:00+0000 */
  readonly timestamp: string;
  readonly permalink: string;
  readonly media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
}

export class FakeInstagramGraphServer extends LoopbackHttpFake {
  public readonly hashtagSearches: string[] = [];
  /** recent_media requests: whether each was a first page. */
  public readonly pageRequests: { poll: number; after?: string }[] = [];
  public rejectedTokens = 0;
  private poll = -1;

  /** `polls[n]` is what the n-th poll sees (newest first); the last one repeats. Pages hold `pageSize` media. */
  public constructor(
    private readonly accessToken: string,
    private readonly userId: string,
    private readonly hashtagId: string,
    private readonly polls: readonly (readonly FakeMedia[])[],
    private readonly pageSize = 2,
    private readonly basePath = '/v24.0',
  ) {
    super();
  }

  public get graphBaseUrl(): string {
    return `${this.endpoint}${this.basePath}`;
  }

  protected respond(req: http.IncomingMessage, _body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.endpoint);
    if (url.searchParams.get('access_token') !== this.accessToken) {
      this.rejectedTokens += 1;
      return this.json(res, 400, {
        error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 },
      });
    }
    if (url.searchParams.get('user_id') !== this.userId)
      return this.json(res, 400, { error: { message: 'user_id is required', type: 'OAuthException', code: 100 } });
    const path = url.pathname.startsWith(this.basePath) ? url.pathname.slice(this.basePath.length) : '';
    if (path === '/ig_hashtag_search') {
      this.hashtagSearches.push(url.searchParams.get('q') ?? '');
      return this.json(res, 200, { data: [{ id: this.hashtagId }] });
    }
    if (path === `/${this.hashtagId}/recent_media`) {
      const fields = url.searchParams.get('fields') ?? '';
      if (!['id', 'caption', 'timestamp'].every((field) => fields.split(',').includes(field)))
        return this.json(res, 400, { error: { message: 'fields', code: 100 } });
      const after = url.searchParams.get('after') ?? undefined;
      if (after === undefined) this.poll += 1;
      this.pageRequests.push({ poll: this.poll, ...(after === undefined ? {} : { after }) });
      const media = this.polls[Math.min(this.poll, this.polls.length - 1)] ?? [];
      const start = after === undefined ? 0 : Number(Buffer.from(after, 'base64').toString('utf8'));
      const page = media.slice(start, start + this.pageSize);
      const end = start + page.length;
      const paging: Record<string, unknown> = { cursors: { after: Buffer.from(String(end)).toString('base64') } };
      if (end < media.length) {
        const next = new URL(url);
        next.searchParams.set('after', Buffer.from(String(end)).toString('base64'));
        paging.next = next.toString();
      }
      return this.json(res, 200, { data: page.map((item) => ({ ...item })), paging });
    }
    this.json(res, 404, { error: { message: 'Unsupported get request', code: 100 } });
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
