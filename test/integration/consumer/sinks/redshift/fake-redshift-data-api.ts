// A fake of the Redshift Data API's JSON 1.1 protocol on 127.0.0.1 that runs each batch as one transaction on real PostgreSQL.
import * as http from 'node:http';
import { Client } from 'pg';
import { freePort, LOOPBACK } from '../../../../../common/process/service-process';

interface Statement {
  readonly id: string;
  status: 'SUBMITTED' | 'STARTED' | 'FINISHED' | 'FAILED';
  error?: string;
  describes: number;
}

export class FakeRedshiftDataApi {
  public readonly submissions: { clientToken: string | undefined; sqls: string[] }[] = [];
  private readonly statements = new Map<string, Statement>();
  private readonly byToken = new Map<string, string>();
  private failures: string[] = [];
  private server: http.Server | undefined;
  public endpoint = '';

  public constructor(private readonly postgresUrl: string) {}

  /** The next batches end FAILED with these messages, in order (for example a Redshift serialisation conflict). */
  public failNext(...messages: string[]): void {
    this.failures.push(...messages);
  }

  public async start(): Promise<void> {
    const port = await freePort();
    this.server = http.createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(port, LOOPBACK, resolve));
    this.endpoint = `http://${LOOPBACK}:${port}`;
  }

  public async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const target = String(request.headers['x-amz-target'] ?? '');
    const reply = (status: number, payload: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    };
    if (target === 'RedshiftData.BatchExecuteStatement') return reply(200, this.batch(body));
    if (target === 'RedshiftData.DescribeStatement') {
      const statement = this.statements.get(String(body.Id));
      if (statement === undefined)
        return reply(400, { __type: 'ResourceNotFoundException', message: 'no such statement' });
      statement.describes += 1;
      return reply(200, {
        Id: statement.id,
        Status: statement.status,
        ...(statement.error === undefined ? {} : { Error: statement.error }),
      });
    }
    return reply(400, { __type: 'ValidationException', message: `unsupported target ${target}` });
  }

  private batch(body: Record<string, unknown>): { Id: string; CreatedAt: number } {
    const token = typeof body.ClientToken === 'string' ? body.ClientToken : undefined;
    const known = token === undefined ? undefined : this.byToken.get(token);
    if (known !== undefined) return { Id: known, CreatedAt: Date.now() / 1000 };
    const sqls = (body.Sqls as unknown[]).map(String);
    this.submissions.push({ clientToken: token, sqls });
    const statement: Statement = { id: `stmt-${this.statements.size + 1}`, status: 'SUBMITTED', describes: 0 };
    this.statements.set(statement.id, statement);
    if (token !== undefined) this.byToken.set(token, statement.id);
    void this.run(statement, sqls);
    return { Id: statement.id, CreatedAt: Date.now() / 1000 };
  }

  private async run(statement: Statement, sqls: readonly string[]): Promise<void> {
    statement.status = 'STARTED';
    const failure = this.failures.shift();
    if (failure !== undefined) {
      statement.status = 'FAILED';
      statement.error = failure;
      return;
    }
    const client = new Client({ connectionString: this.postgresUrl });
    try {
      await client.connect();
      await client.query('BEGIN');
      for (const sql of sqls) await client.query(sql);
      await client.query('COMMIT');
      statement.status = 'FINISHED';
    } catch (error: unknown) {
      await client.query('ROLLBACK').catch(() => undefined);
      statement.status = 'FAILED';
      statement.error = error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
