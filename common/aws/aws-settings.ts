// Where the AWS clients connect: region, per-service endpoint overrides (local stand-ins), S3 addressing; read from the environment.
import type { ConfigReader } from '../config/config-reader';

export interface AwsSettings {
  readonly region: string;
  /** Endpoint overrides; an absent key means the service's real AWS endpoint. */
  readonly endpoints: Readonly<Partial<Record<AwsService, string>>>;
  readonly s3ForcePathStyle: boolean;
}

export const AWS_SERVICES = ['kinesis', 'dynamodb', 's3', 'comprehend', 'cloudwatch', 'redshiftData', 'sns'] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

/** The standard SDK variable for each service's endpoint (AWS_ENDPOINT_URL_<SERVICE_ID>). */
export const ENDPOINT_VARIABLES: Readonly<Record<AwsService, string>> = {
  kinesis: 'AWS_ENDPOINT_URL_KINESIS',
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  s3: 'AWS_ENDPOINT_URL_S3',
  comprehend: 'AWS_ENDPOINT_URL_COMPREHEND',
  cloudwatch: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  redshiftData: 'AWS_ENDPOINT_URL_REDSHIFT_DATA',
  sns: 'AWS_ENDPOINT_URL_SNS',
};

/** Reads region and endpoints; problems are collected by the reader. */
export function readAwsSettings(reader: ConfigReader): AwsSettings {
  const region = reader.string('AWS_REGION') ?? reader.string('AWS_DEFAULT_REGION') ?? 'us-east-1';
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of AWS_SERVICES) {
    const url = reader.string(ENDPOINT_VARIABLES[service]) ?? reader.string('AWS_ENDPOINT_URL');
    if (url === undefined) continue;
    if (!/^https?:\/\/[^\s]+$/.test(url))
      reader.problem(`${ENDPOINT_VARIABLES[service]} must be an http(s) URL, got "${url}"`);
    endpoints[service] = url;
  }
  const s3ForcePathStyle = reader.boolean('AWS_S3_FORCE_PATH_STYLE', endpoints.s3 !== undefined);
  return { region, endpoints, s3ForcePathStyle };
}
