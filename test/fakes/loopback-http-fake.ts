// Base of the in-process fakes of AWS HTTP protocols: listens on 127.0.0.1 on a free port, hands each whole request body to the subclass.
import * as http from 'node:http';
import { LOOPBACK } from '../../common/process/service-process';

export abstract class LoopbackHttpFake {
  private server: http.Server | undefined;

  public get endpoint(): string {
    const address = this.server?.address();
    if (typeof address !== 'object' || address === null) throw new Error(`${this.constructor.name} is not listening`);
    return `http://${LOOPBACK}:${address.port}`;
  }

  public async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.respond(req, Buffer.concat(chunks), res));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  }

  public async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers one request whose body has been read whole. */
  protected abstract respond(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void;
}
