// Where the AWS clients connect: region, per-service endpoint overrides (local stand-ins), S3 addressing; read from the environment.
import type { ConfigReader } from '../config/config-reader';
import type { SettingsTable } from '../config/setting';

export interface AwsSettings {
  readonly region: string;
  /** Endpoint overrides; an absent key means the service's real AWS endpoint. */
  readonly endpoints: Readonly<Partial<Record<AwsService, string>>>;
  readonly s3ForcePathStyle: boolean;
}

export const AWS_SERVICES = [
  'kinesis',
  'dynamodb',
  's3',
  'comprehend',
  'cloudwatch',
  'redshiftData',
  'sns',
  'sqs',
] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

/** The SDK's own variables as every process here reads them (AWS SDK for JavaScript v3, "Service-specific endpoints"). */
export const AWS_SETTINGS = {
  awsRegion: { variable: 'AWS_REGION', default: 'us-east-1', doc: 'region (else AWS_DEFAULT_REGION, else us-east-1)' },
  awsDefaultRegion: { variable: 'AWS_DEFAULT_REGION', doc: 'region when AWS_REGION is unset' },
  awsEndpointUrl: { variable: 'AWS_ENDPOINT_URL', doc: 'one endpoint for every service; unset = real AWS' },
  kinesisEndpoint: { variable: 'AWS_ENDPOINT_URL_KINESIS', doc: 'Kinesis endpoint; unset = real AWS' },
  dynamodbEndpoint: { variable: 'AWS_ENDPOINT_URL_DYNAMODB', doc: 'DynamoDB endpoint; unset = real AWS' },
  s3Endpoint: { variable: 'AWS_ENDPOINT_URL_S3', doc: 'S3 endpoint; unset = real AWS' },
  comprehendEndpoint: { variable: 'AWS_ENDPOINT_URL_COMPREHEND', doc: 'Comprehend endpoint; unset = real AWS' },
  cloudwatchEndpoint: { variable: 'AWS_ENDPOINT_URL_CLOUDWATCH', doc: 'CloudWatch endpoint; unset = real AWS' },
  redshiftDataEndpoint: {
    variable: 'AWS_ENDPOINT_URL_REDSHIFT_DATA',
    doc: 'Redshift Data API endpoint; unset = real AWS',
  },
  snsEndpoint: { variable: 'AWS_ENDPOINT_URL_SNS', doc: 'SNS endpoint; unset = real AWS' },
  sqsEndpoint: { variable: 'AWS_ENDPOINT_URL_SQS', doc: 'SQS endpoint (redrive --lambda-failures); unset = real AWS' },
  s3ForcePathStyle: {
    variable: 'AWS_S3_FORCE_PATH_STYLE',
    doc: 'path-style S3 addressing (default: true when an S3 endpoint is set)',
  },
} as const satisfies SettingsTable;

/** The standard SDK variable for each service's endpoint (AWS_ENDPOINT_URL_<SERVICE_ID>). */
export const ENDPOINT_VARIABLES: Readonly<Record<AwsService, string>> = {
  kinesis: AWS_SETTINGS.kinesisEndpoint.variable,
  dynamodb: AWS_SETTINGS.dynamodbEndpoint.variable,
  s3: AWS_SETTINGS.s3Endpoint.variable,
  comprehend: AWS_SETTINGS.comprehendEndpoint.variable,
  cloudwatch: AWS_SETTINGS.cloudwatchEndpoint.variable,
  redshiftData: AWS_SETTINGS.redshiftDataEndpoint.variable,
  sns: AWS_SETTINGS.snsEndpoint.variable,
  sqs: AWS_SETTINGS.sqsEndpoint.variable,
};

/** Reads region and endpoints; problems are collected by the reader. */
export function readAwsSettings(reader: ConfigReader): AwsSettings {
  const s = AWS_SETTINGS;
  const region =
    reader.string(s.awsRegion.variable) ?? reader.string(s.awsDefaultRegion.variable) ?? s.awsRegion.default;
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const service of AWS_SERVICES) {
    const url = reader.string(ENDPOINT_VARIABLES[service]) ?? reader.string(s.awsEndpointUrl.variable);
    if (url === undefined) continue;
    if (!/^https?:\/\/[^\s]+$/.test(url))
      reader.problem(`${ENDPOINT_VARIABLES[service]} must be an http(s) URL, got "${url}"`);
    endpoints[service] = url;
  }
  const s3ForcePathStyle = reader.boolean(s.s3ForcePathStyle.variable, endpoints.s3 !== undefined);
  return { region, endpoints, s3ForcePathStyle };
}
