// A TLS bridge in front of kinesis-local for the KCL's enhanced fan-out: the JVM speaks HTTP/2 by prior knowledge (no ALPN), kinesis-local only selects HTTP/2 through ALPN.
import * as fs from 'node:fs';
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

/**
 * Measured: the KCL (KinesisClientUtil, 3.1.3 and 2.7.2) builds its Kinesis client for HTTP/2 with
 * ProtocolNegotiation.ASSUME_PROTOCOL, so its TLS ClientHello carries no ALPN; kinesis-local's TLS server (http4s)
 * then falls back to HTTP/1.1 and closes the connection on the HTTP/2 preface ("The channel was closed before the
 * protocol could be determined"). Real Kinesis accepts HTTP/2 by prior knowledge. This bridge terminates the JVM's
 * TLS with the project's certificate (verified by the JVM through its trust store) and opens a TLS connection to
 * kinesis-local's TLS port that offers ALPN h2 (verified against the same certificate), then copies bytes both ways.
 * It understands nothing of HTTP: every request, SubscribeToShard's event stream included, passes through unchanged.
 */
export async function startKinesisH2Bridge(options: {
  readonly tls: KinesisTls;
  /** kinesis-local's TLS port. */
  readonly upstreamPort: number;
  /** Listening port; 0 picks a free one. */
  readonly port?: number;
}): Promise<KinesisH2Bridge> {
  const { server: identity } = JSON.parse(fs.readFileSync(options.tls.certJsonPath, 'utf8')) as {
    server: { key: string; cert: string };
  };
  const ca = fs.readFileSync(options.tls.certPemPath, 'utf8');
  const sockets = new Set<tls.TLSSocket>();
  const server = tls.createServer({ key: identity.key, cert: identity.cert, ALPNProtocols: ['h2'] }, (client) => {
    const upstream = tls.connect({
      host: LOOPBACK,
      port: options.upstreamPort,
      ca,
      ALPNProtocols: ['h2'],
      servername: 'localhost',
    });
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
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
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
