// The DDL custom resource's Lambda (bundled by esbuild): runs the synthesised statements as the admin, then creates or updates the logins (dashboard reader, rollup writer) and their grants.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Client } from 'pg';
import { retry, type RetryPolicy } from '../../common/retry';

/** The custom resource's properties (warehouse-ddl.ts writes them). */
export interface WarehouseDdlProperties {
  readonly Engine: 'redshift' | 'postgresql';
  readonly Host: string;
  readonly Port: string;
  readonly Database: string;
  readonly AdminSecretArn: string;
  /** Each database user the stack owns, with the secret holding its password. */
  readonly Logins: readonly DdlLogin[];
  readonly Sqls: readonly string[];
  /** Run after every login exists (warehouse-ddl-sql.ts: readerGrantStatements, writerGrantStatements). */
  readonly Grants: readonly string[];
  readonly Digest: string;
}

export interface DdlLogin {
  readonly User: string;
  readonly SecretArn: string;
}

interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: WarehouseDdlProperties & { readonly ServiceToken: string };
}

/** About 3 minutes in all: a new warehouse may refuse connections for a while after CloudFormation reports it created. */
const CONNECT_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 5_000, maxDelayMs: 20_000 };
const secrets = new SecretsManagerClient({});

/** Create/Update: statements, then the logins and their grants; Delete: nothing (the data stays with the warehouse). */
export async function handler(event: CustomResourceEvent): Promise<{ PhysicalResourceId: string }> {
  const physicalId = `warehouse-ddl-${event.ResourceProperties.Digest}`;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? physicalId };
  const p = event.ResourceProperties;
  const admin = await credentials(p.AdminSecretArn);
  const logins: { user: string; password: string }[] = [];
  for (const login of p.Logins)
    logins.push({ user: login.User, password: (await credentials(login.SecretArn)).password });
  const client = await connect(p, admin);
  try {
    await applyWarehouseDdl(client, p, logins);
  } finally {
    await client.end();
  }
  return { PhysicalResourceId: physicalId };
}

/** The statements, then each login with its password, then the grants, on a connected admin client; safe to repeat. */
export async function applyWarehouseDdl(
  client: Client,
  p: Pick<WarehouseDdlProperties, 'Engine' | 'Sqls' | 'Grants'>,
  logins: readonly { readonly user: string; readonly password: string }[],
): Promise<void> {
  for (const sql of p.Sqls) await client.query(sql);
  for (const login of logins) await ensureLogin(client, p.Engine, login.user, login.password);
  for (const sql of p.Grants) await client.query(sql);
}

/** DDL takes no bind parameters: the password enters as a literal escaped by the driver, and is never logged. */
async function ensureLogin(client: Client, engine: string, user: string, password: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user)) throw new Error(`login "${user}" is not a plain identifier`);
  const literal = client.escapeLiteral(password);
  const catalog =
    engine === 'redshift' ? 'SELECT 1 FROM pg_user WHERE usename = $1' : 'SELECT 1 FROM pg_roles WHERE rolname = $1';
  const exists = ((await client.query(catalog, [user])).rowCount ?? 0) > 0;
  if (engine === 'redshift') await client.query(`${exists ? 'ALTER' : 'CREATE'} USER ${user} PASSWORD ${literal}`);
  else await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${user} WITH LOGIN PASSWORD ${literal}`);
}

async function credentials(secretArn: string): Promise<{ username: string; password: string }> {
  const value = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const parsed = JSON.parse(value.SecretString ?? '{}') as { username?: unknown; password?: unknown };
  if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string')
    throw new Error(`secret ${secretArn} has no username and password`);
  return { username: parsed.username, password: parsed.password };
}

/** Connects as the admin over verified TLS, retried under CONNECT_POLICY. */
function connect(p: WarehouseDdlProperties, admin: { username: string; password: string }): Promise<Client> {
  return retry(
    async () => {
      const client = new Client({
        host: p.Host,
        port: Number(p.Port),
        database: p.Database,
        user: admin.username,
        password: admin.password,
        // Lambda's Node runtime trusts the RDS CAs through NODE_EXTRA_CA_CERTS (set by warehouse-ddl.ts).
        ssl: { rejectUnauthorized: true },
        connectionTimeoutMillis: 30_000,
      });
      try {
        await client.connect();
        return client;
      } catch (error: unknown) {
        await client.end().catch(() => undefined);
        throw error;
      }
    },
    { operation: `connect to ${p.Host}:${p.Port}`, policy: CONNECT_POLICY, isRetryable: () => true },
  );
}
