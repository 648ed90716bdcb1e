// A fake of the X API v2 filtered stream on loopback: bearer check, rules, a chunked NDJSON stream with keep-alives, scripted faults.
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

/** One step of a scripted stream connection. */
export type StreamStep =
  | { readonly tweet: object }
  /** Many lines in one write, as fast as the socket takes them (benchmarks). */
  | { readonly tweets: readonly object[] }
  /** Raw text as sent (a malformed line, a keep-alive "\r\n"); `splitAt` cuts it into two TCP writes at that byte. */
  | { readonly raw: string; readonly splitAt?: number }
  | { readonly waitMs: number }
  /** Holds the connection open and sends nothing more (no keep-alives): the client must detect the stall. */
  | { readonly stall: true }
  /** Destroys the socket mid-stream. */
  | { readonly drop: true };

/** What one connection attempt gets: an HTTP error (429 with x-rate-limit-reset `resetInSeconds` from now), or a stream. */
export type ConnectionScript =
  { readonly status: number; readonly resetInSeconds?: number } | { readonly steps: readonly StreamStep[] };

export interface StreamConnectionLog {
  readonly atMs: number;
  readonly status: number;
  /** Epoch seconds sent in x-rate-limit-reset, if any. */
  readonly resetSeconds?: number;
  /** When the last byte was written on this connection. */
  lastByteAtMs?: number;
  closedAtMs?: number;
}

interface Rule {
  id: string;
  value: string;
  tag?: string;
}

export const STREAM_QUERY_EXPECTED = {
  'tweet.fields': 'created_at,lang,author_id,entities,note_tweet',
  expansions: 'author_id',
  'user.fields': 'username',
};

/** A filtered-stream line as X sends it: data + includes.users + matching_rules; hashtags as entity objects with `tag`. */
export function xTweet(id: string, text: string, username: string, createdAt = new Date().toISOString()): object {
  const hashtags = [...text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
    tag: match[1],
  }));
  const authorId = `u${username.length}${id}`;
  return {
    data: {
      id,
      text,
      created_at: createdAt,
      lang: /[ñáéíóú¿¡]/.test(text) ? 'es' : 'en',
      author_id: authorId,
      edit_history_tweet_ids: [id],
      entities: { hashtags },
    },
    includes: { users: [{ id: authorId, name: `Display ${username}`, username }] },
    matching_rules: [{ id: '1', tag: 'kinesis-sentiment-collector' }],
  };
}

export class FakeXApiServer extends LoopbackHttpFake {
  public readonly connections: StreamConnectionLog[] = [];
  public readonly rules: Rule[];
  public readonly ruleRequests: { method: string; body: unknown }[] = [];
  public unauthorized = 0;
  public maxConcurrent = 0;
  private open = 0;
  private nextRuleId = 100;
  private readonly pending: ConnectionScript[];
  private readonly sockets = new Set<http.ServerResponse>();

  /** After the scripts run out, a connection sends keep-alives every `keepAliveMs` until closed. */
  public constructor(
    private readonly bearerToken: string,
    scripts: readonly ConnectionScript[],
    rules: readonly Rule[] = [],
    private readonly keepAliveMs = 500,
  ) {
    super();
    this.pending = [...scripts];
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  public override async stop(): Promise<void> {
    for (const res of this.sockets) res.destroy();
    await super.stop();
  }

  protected respond(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    // The token must arrive exactly as configured (percent-encoded characters not decoded).
    if (req.headers.authorization !== `Bearer ${this.bearerToken}`) {
      this.unauthorized += 1;
      this.json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname === '/2/tweets/search/stream/rules') return this.handleRules(req.method ?? 'GET', body, res);
    if (url.pathname === '/2/tweets/search/stream' && req.method === 'GET') {
      const wrongQuery = Object.entries(STREAM_QUERY_EXPECTED).filter(
        ([key, value]) => url.searchParams.get(key) !== value,
      );
      if (wrongQuery.length > 0)
        return this.json(res, 400, {
          title: 'Invalid Request',
          detail: `bad ${wrongQuery.map(([key]) => key).join(', ')}`,
        });
      void this.stream(res);
      return;
    }
    this.json(res, 404, { title: 'Not Found' });
  }

  private handleRules(method: string, body: Buffer, res: http.ServerResponse): void {
    if (method === 'GET') {
      this.ruleRequests.push({ method, body: undefined });
      return this.json(res, 200, { data: this.rules, meta: { result_count: this.rules.length } });
    }
    const parsed = JSON.parse(body.toString('utf8')) as {
      add?: { value: string; tag?: string }[];
      delete?: { ids: string[] };
    };
    this.ruleRequests.push({ method, body: parsed });
    if (parsed.add !== undefined) {
      const added = parsed.add.map((rule) => ({
        id: String(this.nextRuleId++),
        value: rule.value,
        ...(rule.tag === undefined ? {} : { tag: rule.tag }),
      }));
      this.rules.push(...added);
      return this.json(res, 201, { data: added, meta: { summary: { created: added.length, not_created: 0 } } });
    }
    const ids = new Set(parsed.delete?.ids ?? []);
    const before = this.rules.length;
    this.rules.splice(0, this.rules.length, ...this.rules.filter((rule) => !ids.has(rule.id)));
    return this.json(res, 200, { meta: { summary: { deleted: before - this.rules.length, not_deleted: 0 } } });
  }

  private async stream(res: http.ServerResponse): Promise<void> {
    const script = this.pending.shift() ?? { steps: [] };
    const log: StreamConnectionLog = { atMs: Date.now(), status: 'status' in script ? script.status : 200 };
    this.connections.push(log);
    if ('status' in script) {
      const reset =
        script.resetInSeconds === undefined ? undefined : Math.ceil(Date.now() / 1_000) + script.resetInSeconds;
      if (reset !== undefined) Object.assign(log, { resetSeconds: reset });
      res.writeHead(script.status, {
        'content-type': 'application/json',
        ...(reset === undefined ? {} : { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' }),
      });
      res.end(JSON.stringify({ title: script.status === 429 ? 'Too Many Requests' : 'Error', status: script.status }));
      return;
    }
    this.open += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.open);
    this.sockets.add(res);
    res.on('close', () => {
      this.open -= 1;
      this.sockets.delete(res);
      log.closedAtMs = Date.now();
    });
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const write = (bytes: Buffer): void => {
      if (!res.destroyed) {
        res.write(bytes);
        log.lastByteAtMs = Date.now();
      }
    };
    for (const step of script.steps) {
      if (res.destroyed) return;
      if ('tweet' in step) write(Buffer.from(`${JSON.stringify(step.tweet)}\r\n`, 'utf8'));
      else if ('tweets' in step) {
        for (let i = 0; i < step.tweets.length; i += 500) {
          if (
            !res.write(
              step.tweets
                .slice(i, i + 500)
                .map((tweet) => `${JSON.stringify(tweet)}\r\n`)
                .join(''),
            )
          )
            await new Promise((resolve) => res.once('drain', resolve));
        }
        log.lastByteAtMs = Date.now();
      } else if ('raw' in step) {
        const bytes = Buffer.from(step.raw, 'utf8');
        if (step.splitAt === undefined) write(bytes);
        else {
          write(bytes.subarray(0, step.splitAt));
          await pause(50);
          write(bytes.subarray(step.splitAt));
        }
      } else if ('waitMs' in step) await pause(step.waitMs);
      else if ('stall' in step) return;
      else if ('drop' in step) {
        res.destroy();
        return;
      }
      // Lets each step reach the client as its own chunk.
      await pause(20);
    }
    while (!res.destroyed) {
      write(Buffer.from('\r\n'));
      await pause(this.keepAliveMs);
    }
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
