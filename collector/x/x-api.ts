// The X API v2 calls the collector makes, over fetch: app-only bearer sent exactly as given, errors without secrets.
import { SourceHttpError } from '../collector-errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface XApiOptions {
  /** Default https://api.x.com (X_API_BASE_URL). */
  readonly baseUrl: string;
  /** X_BEARER_TOKEN, used verbatim: app-only tokens may hold percent-encoded characters that must not be decoded. */
  readonly bearerToken: string;
  readonly fetch?: FetchLike;
  /** Timeout of the rules calls (the stream has its own stall detection). */
  readonly requestTimeoutMs?: number;
}

export const STREAM_PATH = '/2/tweets/search/stream';
export const RULES_PATH = '/2/tweets/search/stream/rules';
/** Source: X API v2 filtered stream, GET /2/tweets/search/stream query parameters. */
/** `note_tweet` carries the whole text of posts over 280 characters (`text` holds only the first 280). */
export const STREAM_QUERY =
  'tweet.fields=created_at,lang,author_id,entities,note_tweet&expansions=author_id&user.fields=username';

export class XApi {
  private readonly fetch: FetchLike;

  public constructor(private readonly options: XApiOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  public async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await this.fetch(this.url(path), {
      method,
      headers: { ...this.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
    });
    if (!response.ok) throw await httpError(`${method} ${path}`, response);
    return response.json() as Promise<unknown>;
  }

  /** Opens the filtered stream; the caller reads `body` and aborts `signal` to close the socket. */
  public async openStream(signal: AbortSignal): Promise<Response> {
    const response = await this.fetch(this.url(`${STREAM_PATH}?${STREAM_QUERY}`), { headers: this.headers(), signal });
    if (!response.ok) {
      const error = await httpError(`GET ${STREAM_PATH}`, response);
      throw error;
    }
    return response;
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.bearerToken}`, 'user-agent': 'kinesis-sentiment-collector' };
  }
}

async function httpError(operation: string, response: Response): Promise<SourceHttpError> {
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  let detail = '';
  try {
    const body = (await response.text()).slice(0, 300);
    const parsed = JSON.parse(body) as { title?: unknown; detail?: unknown };
    detail = [parsed.title, parsed.detail].filter((part) => typeof part === 'string').join(': ');
  } catch {
    detail = '';
  }
  return new SourceHttpError(
    'x',
    operation,
    response.status,
    detail,
    Number.isFinite(reset) && reset > 0 ? reset * 1_000 : undefined,
  );
}
