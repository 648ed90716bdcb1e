// A loopback TCP proxy in front of kinesis-local that can take Kinesis away from its clients: refused connections, open ones closed.
import * as net from 'node:net';
import { LOOPBACK } from '../../common/process/service-process';

interface Pipe {
  readonly client: net.Socket;
  readonly server: net.Socket;
  /** A request went to the server and no answer byte came back yet. */
  awaitingAnswer: boolean;
  quietTimer?: NodeJS.Timeout;
}

/**
 * What a client of a stopped Kinesis sees, without stopping kinesis-local (its in-memory streams would be gone, and it
 * persists only on a timer): while `down`, connections are refused and open ones are closed. The cut is clean at request
 * boundaries: a request already forwarded gets its answer before its connection closes, and a request sent after the
 * cut never reaches the stand-in. So an outage makes no record "maybe stored": every PutRecords either was answered or
 * never arrived, as when the service is unreachable.
 */
export class KinesisOutageProxy {
  private server: net.Server | undefined;
  private readonly pipes = new Set<Pipe>();
  private down = false;

  private constructor(
    private readonly targetPort: number,
    public readonly port: number,
  ) {}

  /** Listens on a free loopback port and forwards to 127.0.0.1:`targetPort`. */
  public static async start(targetPort: number): Promise<KinesisOutageProxy> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, LOOPBACK, resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const proxy = new KinesisOutageProxy(targetPort, port);
    await proxy.listen();
    return proxy;
  }

  public get endpoint(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  /** Kinesis goes away: the port stops listening, idle connections close now, busy ones once answered. */
  public async cut(): Promise<void> {
    this.down = true;
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    for (const pipe of this.pipes) if (!pipe.awaitingAnswer) this.close(pipe);
    await closed;
  }

  /** Kinesis is back on the same port. */
  public async restore(): Promise<void> {
    this.down = false;
    await this.listen();
  }

  /** Cuts, lets answers already on their way finish (up to 5 s), then closes what is left. */
  public async stop(): Promise<void> {
    await this.cut();
    const deadline = Date.now() + 5_000;
    while ([...this.pipes].some((pipe) => pipe.awaitingAnswer) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    for (const pipe of this.pipes) this.close(pipe);
  }

  private listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, LOOPBACK, () => resolve());
    });
  }

  private accept(client: net.Socket): void {
    const server = net.connect(this.targetPort, LOOPBACK);
    const pipe: Pipe = { client, server, awaitingAnswer: false };
    this.pipes.add(pipe);
    client.on('data', (chunk: Buffer) => {
      // After the cut a new request never reaches the stand-in: the client sees its connection close.
      if (this.down) return this.close(pipe);
      pipe.awaitingAnswer = true;
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      pipe.awaitingAnswer = false;
      client.write(chunk);
      if (this.down) {
        // The answer of a request sent before the cut: let it finish (a short quiet gap ends it), then close.
        if (pipe.quietTimer !== undefined) clearTimeout(pipe.quietTimer);
        pipe.quietTimer = setTimeout(() => this.close(pipe), 300);
      }
    });
    const end = (): void => this.close(pipe);
    client.on('close', end);
    server.on('close', end);
    client.on('error', end);
    server.on('error', end);
  }

  private close(pipe: Pipe): void {
    if (pipe.quietTimer !== undefined) clearTimeout(pipe.quietTimer);
    this.pipes.delete(pipe);
    pipe.client.destroy();
    pipe.server.destroy();
  }
}
