// Where the collector sends: the stream and AWS settings read after the local-or-cloud decision (common/aws/local-or-cloud.ts), as every CLI.
import type { AwsSettings } from '../common/aws/aws-settings';
import { ConfigError } from '../common/errors';

export interface KinesisTarget {
  readonly streamName: string;
  readonly aws: AwsSettings;
  /** True when the local stack file was picked (the local stand-in: dummy credentials are fine). */
  readonly local: boolean;
}

/**
 * `streamName` and `aws` come from flags over the environment, which applyLocalOrCloud filled from the local stack
 * file when no endpoint was configured (endpoint, region, stream unless given, dummy credentials). Without that file
 * the real AWS endpoint is used and a stream name is required.
 */
export function resolveKinesisTarget(
  streamName: string | undefined,
  aws: AwsSettings,
  local: boolean,
  endpointsFile: string,
): KinesisTarget {
  if (streamName === undefined)
    throw new ConfigError('npm run collect', [
      `--stream (or KINESIS_STREAM_NAME) is required: there is no ${endpointsFile} from npm start`,
    ]);
  return { streamName, aws, local };
}
