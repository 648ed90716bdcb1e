// An HTTP/2 bridge in front of kinesis-local for the KCL's enhanced fan-out: prior-knowledge HTTP/2 in (the KCL offers no ALPN), ALPN h2 out, and SubscribeToShard cut into short subscriptions.
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import { LOOPBACK } from '../../common/process/service-process';
import type { KinesisTls } from './kinesis-tls';

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
  /** A SubscribeToShard response ends at the first event boundary after this long (default 2 s). */
  readonly subscriptionMs?: number;
}

const SUBSCRIBE_TARGET = 'Kinesis_20131202.SubscribeToShard';
/** HTTP/2 forbids connection-specific headers; pseudo-headers are set by the client library. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host']);

/**
 * Two measured gaps between the KCL and kinesis-local, bridged here so enhanced fan-out runs on the stand-in:
 * 1. The KCL (KinesisClientUtil, 2.7.2 and 3.1.3) speaks HTTP/2 by prior knowledge over TLS (no ALPN);
 *    kinesis-local's TLS server selects HTTP/2 only through ALPN and closes the connection ("The channel was closed
 *    before the protocol could be determined"). The bridge terminates the JVM's TLS with the project's certificate
 *    (trusted by the JVM through its trust store) and forwards each request over its own ALPN h2 session.
 * 2. kinesis-local answers SubscribeToShard with the records the shard holds when the subscription opens, then only
 *    empty events: records put later never reach the subscriber. Kinesis ends every subscription after 5 minutes and
 *    the KCL then subscribes again from the last continuation sequence number; the bridge ends each subscription at
 *    the first event-stream message boundary after `subscriptionMs`, so the KCL resubscribes every few seconds and
 *    each new subscription carries what arrived since. Event-stream messages start with their total length (4 bytes,
 *    big-endian), which is all the bridge reads of them.
 */
export async function startKinesisH2Bridge(options: KinesisH2BridgeOptions): Promise<KinesisH2Bridge> {
  const { server: identity } = JSON.parse(fs.readFileSync(options.tls.certJsonPath, 'utf8')) as {
    server: { key: string; cert: string };
  };
  const ca = fs.readFileSync(options.tls.certPemPath, 'utf8');
  const subscriptionMs = options.subscriptionMs ?? 2_000;
  const upstreams = new Set<http2.ClientHttp2Session>();
  const h2 = http2.createServer();
  h2.on('session', (session) => {
    const upstream = http2.connect(`https://${LOOPBACK}:${options.upstreamPort}`, { ca, servername: 'localhost' });
    upstreams.add(upstream);
    upstream.on('error', () => session.destroy());
    upstream.on('close', () => upstreams.delete(upstream));
    session.on('close', () => upstream.close());
    session.on('error', () => upstream.destroy());
    session.on('stream', (stream, headers) => forward(stream, headers, upstream, subscriptionMs));
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
  subscriptionMs: number,
): void {
  const request: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (
      value !== undefined &&
      !HOP_HEADERS.has(name) &&
      (name === ':method' || name === ':path' || !name.startsWith(':'))
    )
      request[name] = value;
  const up = upstream.request(request);
  stream.pipe(up);
  const subscribing = headers['x-amz-target'] === SUBSCRIBE_TARGET;
  up.on('response', (response) => {
    const out: http2.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(response))
      if (value !== undefined && !HOP_HEADERS.has(name) && (name === ':status' || !name.startsWith(':')))
        out[name] = value;
    if (stream.destroyed) return;
    stream.respond(out);
    if (!subscribing || Number(response[':status']) !== 200) {
      up.pipe(stream);
      return;
    }
    const endsAt = Date.now() + subscriptionMs;
    let pending = Buffer.alloc(0);
    up.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      // Pass whole event-stream messages only; end the subscription at a boundary once it is old enough.
      while (pending.length >= 4 && pending.length >= pending.readUInt32BE(0)) {
        const length = pending.readUInt32BE(0);
        if (stream.destroyed) return;
        stream.write(pending.subarray(0, length));
        pending = pending.subarray(length);
        if (Date.now() >= endsAt) {
          stream.end();
          up.close(http2.constants.NGHTTP2_CANCEL);
          return;
        }
      }
    });
    up.on('end', () => {
      if (!stream.destroyed && !stream.writableEnded) stream.end(pending);
    });
  });
  up.on('error', () => stream.destroy());
  stream.on('error', () => up.destroy());
  stream.on('close', () => {
    if (!up.closed) up.close(http2.constants.NGHTTP2_CANCEL);
  });
}
