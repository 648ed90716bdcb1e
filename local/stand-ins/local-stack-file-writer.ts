// Writes .local/endpoints.json (schema and reader: common/aws/local-stack-file.ts): every endpoint and name a person needs to look inside the local stack (aws CLI, psql).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEndpoints } from './local-stack';
import { LOCAL_ACCESS_KEY } from '../../common/aws/local-or-cloud';
import type { EndpointsDocument } from '../../common/aws/local-stack-file';

export interface EndpointsInput {
  readonly endpoints: StackEndpoints;
  readonly streamName: string;
  readonly applicationName: string;
  readonly bucket?: string;
  readonly tables?: readonly string[];
  readonly logsDir: string;
  readonly propertiesFile: string;
  readonly metricsDir?: string;
  readonly dashboardUrl?: string;
  readonly alertsFile?: string;
  readonly email?: { readonly outbox: string; readonly to: readonly string[]; readonly from: string };
}

export function endpointsDocument(input: EndpointsInput): EndpointsDocument {
  const { endpoints } = input;
  return {
    region: endpoints.region,
    kinesis: { endpoint: endpoints.kinesis, stream: input.streamName },
    dynamodb: { endpoint: endpoints.dynamodb, leaseTable: input.applicationName },
    ...(endpoints.s3 === undefined || input.bucket === undefined
      ? {}
      : {
          s3: {
            endpoint: endpoints.s3,
            bucket: input.bucket,
            accessKeyId: LOCAL_ACCESS_KEY,
            secretAccessKey: LOCAL_ACCESS_KEY,
          },
        }),
    ...(endpoints.postgresUrl === undefined
      ? {}
      : { postgres: { url: endpoints.postgresUrl, tables: input.tables ?? [] } }),
    ...(input.metricsDir === undefined ? {} : { metrics: { directory: input.metricsDir } }),
    logs: input.logsDir,
    daemonProperties: input.propertiesFile,
    ...(input.dashboardUrl === undefined ? {} : { dashboard: { url: input.dashboardUrl } }),
    ...(input.alertsFile === undefined ? {} : { alerts: { file: input.alertsFile } }),
    ...(input.email === undefined ? {} : { email: input.email }),
  };
}

export function writeEndpointsFile(file: string, document: EndpointsDocument): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
}

/** The "where to look" lines printed at start: commands that work as typed (the psql URL is read from the file, not printed). */
export function whereToLook(file: string, document: EndpointsDocument): string[] {
  // The stand-ins accept these keys (kinesis-local and dynalite any, s3rver only its own): the aws CLI needs some to sign with.
  const keys = `AWS_ACCESS_KEY_ID=${LOCAL_ACCESS_KEY} AWS_SECRET_ACCESS_KEY=${LOCAL_ACCESS_KEY}`;
  const lines = [`endpoints: ${file}`];
  if (document.dashboard !== undefined) lines.push(`  dashboard: ${document.dashboard.url}`);
  if (document.alerts !== undefined) lines.push(`  alerts: ${document.alerts.file}`);
  if (document.email !== undefined) lines.push(`  mail outbox: ${document.email.outbox} (npm run report -- --send)`);
  lines.push(
    `  ${keys} aws --endpoint-url ${document.kinesis.endpoint} --region ${document.region} kinesis list-shards --stream-name ${document.kinesis.stream}`,
    `  ${keys} aws --endpoint-url ${document.dynamodb.endpoint} --region ${document.region} dynamodb scan --table-name ${document.dynamodb.leaseTable}`,
  );
  if (document.s3 !== undefined)
    lines.push(
      `  ${keys} aws --endpoint-url ${document.s3.endpoint} --region ${document.region} s3 ls --recursive s3://${document.s3.bucket}/`,
    );
  if (document.postgres !== undefined)
    lines.push(`  psql "$(node -p "require('./${path.relative(process.cwd(), file)}').postgres.url")"`);
  lines.push(`  logs: ${document.logs} (daemon: daemon-*.log, consumers: consumer/)`);
  return lines;
}
