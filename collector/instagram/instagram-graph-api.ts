// The Instagram Graph API calls of the hashtag search, over fetch; the access token rides in URLs that are never logged.
import { SourceHttpError } from '../collector-errors';
import type { FetchLike } from '../x/x-api';

export interface InstagramGraphOptions {
  /** INSTAGRAM_GRAPH_BASE_URL, e.g. https://graph.facebook.com/v24.0 */
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly userId: string;
  readonly fetch?: FetchLike;
  readonly requestTimeoutMs?: number;
}

/** Fields of recent_media we read (Instagram Graph API, IG Hashtag > recent_media). */
export const MEDIA_FIELDS = 'id,caption,timestamp,permalink,media_type';

export interface MediaPage {
  readonly data: readonly unknown[];
  /** The next page's request, or undefined on the last page. */
  readonly next?: string;
}

export class InstagramGraphApi {
  private readonly fetch: FetchLike;
  private readonly base: URL;

  public constructor(private readonly options: InstagramGraphOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
  }

  /** GET /ig_hashtag_search?user_id=&q= -> the hashtag's id. */
  public async hashtagId(hashtag: string, signal?: AbortSignal): Promise<string> {
    const body = await this.get(
      'ig_hashtag_search',
      this.url('ig_hashtag_search', { user_id: this.options.userId, q: hashtag }),
      signal,
    );
    const first = Array.isArray((body as { data?: unknown }).data)
      ? ((body as { data: unknown[] }).data[0] as { id?: unknown } | undefined)
      : undefined;
    if (typeof first?.id !== 'string')
      throw new SourceHttpError('instagram', 'ig_hashtag_search', 404, `no hashtag id for #${hashtag}`);
    return first.id;
  }

  /** The first page of GET /<hashtag-id>/recent_media. */
  public firstPage(hashtagId: string, signal?: AbortSignal): Promise<MediaPage> {
    return this.page(
      this.url(`${encodeURIComponent(hashtagId)}/recent_media`, {
        user_id: this.options.userId,
        fields: MEDIA_FIELDS,
        limit: '50',
      }),
      signal,
    );
  }

  /** Follows `paging.next` (or the `after` cursor): `next` is what the previous page returned. */
  public nextPage(next: string, signal?: AbortSignal): Promise<MediaPage> {
    return this.page(new URL(next), signal);
  }

  private async page(url: URL, signal?: AbortSignal): Promise<MediaPage> {
    const body = (await this.get('recent_media', url, signal)) as {
      data?: unknown;
      paging?: { next?: unknown; cursors?: { after?: unknown } };
    };
    const data = Array.isArray(body.data) ? body.data : [];
    return { data, next: this.nextOf(url, body.paging, data.length) };
  }

  /** paging.next when it points at our Graph host (the token must go nowhere else), else our URL with `after`. */
  private nextOf(
    current: URL,
    paging: { next?: unknown; cursors?: { after?: unknown } } | undefined,
    items: number,
  ): string | undefined {
    if (paging === undefined || items === 0) return undefined;
    if (typeof paging.next === 'string') {
      try {
        const next = new URL(paging.next);
        if (next.origin === this.base.origin) {
          next.searchParams.set('access_token', this.options.accessToken);
          return next.toString();
        }
      } catch {
        /* fall through to the cursor */
      }
    }
    const after = paging.cursors?.after;
    if (typeof paging.next !== 'string' || typeof after !== 'string') return undefined;
    const next = new URL(current);
    next.searchParams.set('after', after);
    return next.toString();
  }

  private url(path: string, query: Record<string, string>): URL {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('access_token', this.options.accessToken);
    return url;
  }

  /** Errors name the operation and Graph's error message, never the URL (it holds the token). */
  private async get(operation: string, url: URL, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000);
    const response = await this.fetch(url.toString(), {
      signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const graphError = (body as { error?: { message?: unknown; code?: unknown } } | undefined)?.error;
      const detail =
        typeof graphError?.message === 'string'
          ? graphError.message.split(this.options.accessToken).join('***').slice(0, 300)
          : '';
      throw new SourceHttpError(
        'instagram',
        operation,
        response.status,
        detail,
        undefined,
        typeof graphError?.code === 'number' ? graphError.code : undefined,
      );
    }
    if (typeof body !== 'object' || body === null)
      throw new SourceHttpError('instagram', operation, response.status, 'the answer is not a JSON object');
    return body;
  }
}
