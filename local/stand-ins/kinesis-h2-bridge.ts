// An HTTP/2 bridge in front of kinesis-local for the KCL's enhanced fan-out: prior-knowledge HTTP/2 in (the KCL offers no ALPN), ALPN h2 out, subscriptions that end at a closed shard's end and survive a stale lock.
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import { LOOPBACK } from '../../common/process/service-process';
import type { ShardEndProbe } from './kinesis-shard-end-probe';
import type { KinesisTls } from './kinesis-tls';
import {
  readSubscriptionMessage,
  readSubscriptionTarget,
  shardEndEvent,
  splitMessages,
  type SubscriptionTarget,
} from './subscription-event-stream';

export interface KinesisH2Bridge {
  /** https://127.0.0.1:<port>: the endpoint the daemon is given. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface KinesisH2BridgeOptions {
  readonly tls: KinesisTls;
  /** kinesis-local's TLS port. */
  readonly upstreamPort: number;
  /** Listening port; 0 picks a free one. */
  readonly port?: number;
  /** A SubscribeToShard response ends at the first event boundary after this long (default: never; kinesis-local ends it after 5 minutes). */
  readonly subscriptionMs?: number;
  /** Tells the end of a closed shard (see kinesis-shard-end-probe.ts); without it subscriptions never report one. */
  readonly shardEnd?: ShardEndProbe;
  /** How long a subscription refused with ResourceInUseException is asked again before the refusal is passed on (default 3 s). */
  readonly inUseRetryMs?: number;
}

interface SubscriptionOptions {
  readonly subscriptionMs: number;
  readonly shardEnd: ShardEndProbe;
  readonly inUseRetryMs: number;
}

const IN_USE_RETRY_PAUSE_MS = 200;

const SUBSCRIBE_TARGET = 'Kinesis_20131202.SubscribeToShard';
/** HTTP/2 forbids connection-specific headers; pseudo-headers are set by the client library. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host']);

/**
 * Three gaps between the KCL and kinesis-local, bridged here so enhanced fan-out runs on the stand-in:
 * 1. The KCL (KinesisClientUtil, 2.7.2 and 3.1.3) speaks HTTP/2 by prior knowledge over TLS (no ALPN);
 *    kinesis-local's TLS server selects HTTP/2 only through ALPN and closes the connection ("The channel was closed
 *    before the protocol could be determined"). The bridge terminates the JVM's TLS with the project's certificate
 *    (trusted by the JVM through its trust store) and forwards each request over its own ALPN h2 session.
 * 2. kinesis-local's subscription never reports the end of a closed shard (every event has a continuation number and
 *    no ChildShards; SubscribeToShardRequest.scala), so after a split or merge the KCL never ends the parent and never
 *    starts its children. On an event with no records the bridge asks `shardEnd` (GetRecords, which does report the
 *    end) and, at the end, sends the event Kinesis sends there (no ContinuationSequenceNumber, the ChildShards).
 * 3. kinesis-local refuses a subscription with ResourceInUseException while another holds the same consumer and
 *    shard (SubscriptionRegistry.scala: a lease released when the response stream is finalised, which follows a
 *    cancellation only at the stream's next once-a-second tick; measured: refused 160 ms after a cancel, accepted
 *    100 ms later), so a resubscription right after a cancelled one can be refused; the bridge asks again for up to
 *    `inUseRetryMs` before passing the refusal on (the KCL would retry it too, later).
 * Subscriptions last until kinesis-local ends them after 5 minutes, as Kinesis does. (An earlier bridge cut them after
 * 2 s, believing kinesis-local sends only the records present when a subscription opens; measured on 0.6.2 with a raw
 * HTTP/2 subscriber, records put 3 s and 6 s after it opened arrived in the next once-a-second event.)
 */
export async function startKinesisH2Bridge(options: KinesisH2BridgeOptions): Promise<KinesisH2Bridge> {
  const { server: identity } = JSON.parse(fs.readFileSync(options.tls.certJsonPath, 'utf8')) as {
    server: { key: string; cert: string };
  };
  const ca = fs.readFileSync(options.tls.certPemPath, 'utf8');
  const subscription: SubscriptionOptions = {
    subscriptionMs: options.subscriptionMs ?? Number.POSITIVE_INFINITY,
    shardEnd: options.shardEnd ?? (() => Promise.resolve(undefined)),
    inUseRetryMs: options.inUseRetryMs ?? 3_000,
  };
  const upstreams = new Set<http2.ClientHttp2Session>();
  const h2 = http2.createServer();
  h2.on('session', (session) => {
    const upstream = http2.connect(`https://${LOOPBACK}:${options.upstreamPort}`, { ca, servername: 'localhost' });
    upstreams.add(upstream);
    upstream.on('error', () => session.destroy());
    upstream.on('close', () => upstreams.delete(upstream));
    session.on('close', () => upstream.close());
    session.on('error', () => upstream.destroy());
    session.on('stream', (stream, headers) => forward(stream, headers, upstream, subscription));
  });
  const server = tls.createServer({ key: identity.key, cert: identity.cert, ALPNProtocols: ['h2'] }, (socket) => {
    // The client negotiated nothing: it speaks HTTP/2 by prior knowledge, which Node's HTTP/2 server takes as h2c
    // on the decrypted socket once the socket no longer reads as "no protocol agreed" (which it answers with 403).
    socket.alpnProtocol = 'h2';
    h2.emit('connection', socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://${LOOPBACK}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const upstream of upstreams) upstream.destroy();
        h2.close();
        server.close(() => resolve());
      }),
  };
}

function forward(
  stream: http2.ServerHttp2Stream,
  headers: http2.IncomingHttpHeaders,
  upstream: http2.ClientHttp2Session,
  options: SubscriptionOptions,
): void {
  const request: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (
      value !== undefined &&
      !HOP_HEADERS.has(name) &&
      (name === ':method' || name === ':path' || !name.startsWith(':'))
    )
      request[name] = value;
  if (headers['x-amz-target'] === SUBSCRIBE_TARGET) {
    forwardSubscription(stream, request, upstream, options);
    return;
  }
  const up = upstream.request(request);
  stream.pipe(up);
  up.on('response', (response) => {
    if (stream.destroyed) return;
    stream.respond(responseHeaders(response));
    up.pipe(stream);
  });
  up.on('error', () => stream.destroy());
  stream.on('error', () => up.destroy());
  stream.on('close', () => {
    if (!up.closed) up.close(http2.constants.NGHTTP2_CANCEL);
  });
}

function responseHeaders(response: http2.IncomingHttpHeaders): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response))
    if (value !== undefined && !HOP_HEADERS.has(name) && (name === ':status' || !name.startsWith(':')))
      out[name] = value;
  return out;
}

/**
 * One SubscribeToShard: the request body is read whole (a small JSON or CBOR document) so that a subscription the
 * stand-in refuses as still in use can be asked again, and so that the end of a closed shard can be probed.
 */
function forwardSubscription(
  stream: http2.ServerHttp2Stream,
  request: http2.OutgoingHttpHeaders,
  upstream: http2.ClientHttp2Session,
  options: SubscriptionOptions,
): void {
  const chunks: Buffer[] = [];
  let retryTimer: NodeJS.Timeout | undefined;
  let current: http2.ClientHttp2Stream | undefined;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('error', () => current?.destroy());
  stream.on('close', () => {
    clearTimeout(retryTimer);
    if (current !== undefined && !current.closed) current.close(http2.constants.NGHTTP2_CANCEL);
  });
  stream.on('end', () => {
    const body = Buffer.concat(chunks);
    const contentType = request['content-type'];
    const target = readSubscriptionTarget(body, typeof contentType === 'string' ? contentType : undefined);
    const refusedUntil = Date.now() + options.inUseRetryMs;
    const attempt = (): void => {
      if (stream.destroyed) return;
      const up = upstream.request(request);
      current = up;
      up.end(body);
      up.on('error', () => stream.destroy());
      up.on('response', (response) => {
        if (stream.destroyed) return;
        if (Number(response[':status']) !== 200) {
          stream.respond(responseHeaders(response));
          up.pipe(stream);
          return;
        }
        relaySubscription(stream, up, target, options, (refused) => {
          // kinesis-mock holds a (consumer, shard) subscription lock until its stream notices the cancellation.
          if (refused && Date.now() < refusedUntil) {
            up.close(http2.constants.NGHTTP2_CANCEL);
            retryTimer = setTimeout(attempt, IN_USE_RETRY_PAUSE_MS);
            return true;
          }
          if (!stream.headersSent) stream.respond(responseHeaders(response));
          return false;
        });
      });
    };
    attempt();
  });
}

/**
 * Passes whole event-stream messages on; ends the subscription at a message boundary once it is `subscriptionMs` old,
 * and at the end of a closed shard with the event Kinesis would send there. `onFirst(refused)` is called with the
 * first message (refused: a ResourceInUseException); when it returns true the response is dropped (retried).
 */
function relaySubscription(
  stream: http2.ServerHttp2Stream,
  up: http2.ClientHttp2Stream,
  target: SubscriptionTarget | undefined,
  options: SubscriptionOptions,
  onFirst: (refused: boolean) => boolean,
): void {
  const endsAt = Date.now() + options.subscriptionMs;
  let pending: Buffer = Buffer.alloc(0);
  let first = true;
  let done = false;
  let queue = Promise.resolve();
  const finish = (last?: Buffer): void => {
    if (done) return;
    done = true;
    if (!stream.destroyed && !stream.writableEnded) stream.end(last);
    if (!up.closed) up.close(http2.constants.NGHTTP2_CANCEL);
  };
  const handle = async (bytes: Buffer): Promise<void> => {
    if (done || stream.destroyed) return;
    const message = readSubscriptionMessage(bytes);
    if (first) {
      first = false;
      if (onFirst(message.kind === 'exception' && message.exceptionType === 'ResourceInUseException')) {
        done = true;
        return;
      }
    }
    if (message.kind === 'event' && message.records === 0 && message.continuation !== undefined && target) {
      const children = await options
        .shardEnd(target.streamArn, target.shardId, message.continuation)
        .catch(() => undefined);
      if (done || stream.destroyed) return;
      if (children !== undefined && children.length > 0) {
        finish(shardEndEvent(bytes, children));
        return;
      }
    }
    stream.write(bytes);
    if (Date.now() >= endsAt) finish();
  };
  up.on('data', (chunk: Buffer) => {
    const { messages, rest } = splitMessages(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const message of messages) queue = queue.then(() => handle(message));
  });
  up.on('end', () => {
    queue = queue.then(() => {
      if (done) return;
      if (first) onFirst(false);
      finish(pending.length > 0 ? pending : undefined);
    });
  });
}
