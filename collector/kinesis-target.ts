// Where the collector sends: flags and environment first, else the local stack's .local/endpoints.json (the one swap point for a shared resolver).
import type { AwsSettings } from '../common/aws/aws-settings';
import { ConfigError } from '../common/errors';
import { readEndpointsFile } from '../local/stand-ins/endpoints-file';

export interface KinesisTarget {
  readonly streamName: string;
  readonly aws: AwsSettings;
  /** True when the endpoint came from .local/endpoints.json (the local stand-in: dummy credentials are fine). */
  readonly local: boolean;
}

/**
 * An explicit stream and endpoint win. Without an endpoint, a .local/endpoints.json written by `npm start` supplies
 * the endpoint, region and (unless given) the stream; without that file the real AWS endpoint is used and a stream
 * name is required.
 */
export function resolveKinesisTarget(
  streamName: string | undefined,
  aws: AwsSettings,
  endpointsFile: string,
): KinesisTarget {
  const local = aws.endpoints.kinesis === undefined ? readEndpointsFile(endpointsFile) : undefined;
  if (local !== undefined) {
    return {
      streamName: streamName ?? local.kinesis.stream,
      aws: { ...aws, region: local.region, endpoints: { ...aws.endpoints, kinesis: local.kinesis.endpoint } },
      local: true,
    };
  }
  if (streamName === undefined)
    throw new ConfigError('npm run collect', [
      `--stream (or KINESIS_STREAM_NAME) is required: there is no ${endpointsFile} from npm start`,
    ]);
  return { streamName, aws, local: false };
}
