// The Kinesis stream (provisioned, encrypted) and the S3 archive bucket (encrypted, private, TLS only, optional colder storage).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  StorageClass,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_PREFIXES } from '../../consumer/config/consumer-settings';

export interface StreamAndArchiveProps {
  readonly streamName: string;
  readonly shardCount: number;
  readonly retentionHours: number;
  readonly archiveTransitionDays: number;
  readonly removalPolicy: RemovalPolicy;
  /** More lifecycle rules for the archive bucket (retention-rules.ts: expiry per dataset). */
  readonly lifecycleRules?: readonly LifecycleRule[];
}

export class StreamAndArchive extends Construct {
  public readonly stream: Stream;
  public readonly bucket: Bucket;

  public constructor(scope: Construct, id: string, props: StreamAndArchiveProps) {
    super(scope, id);
    this.stream = new Stream(this, 'Stream', {
      streamName: props.streamName,
      streamMode: StreamMode.PROVISIONED,
      shardCount: props.shardCount,
      retentionPeriod: Duration.hours(props.retentionHours),
      // The AWS-managed key (aws/kinesis): encryption at rest with no key policy to keep in step with the roles.
      encryption: StreamEncryption.MANAGED,
      removalPolicy: props.removalPolicy,
    });
    const safety = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    };
    // The log delivery writes with an ACL here, so this bucket keeps object writer ownership.
    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...safety,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    this.bucket = new Bucket(this, 'Archive', {
      ...safety,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        ...(props.archiveTransitionDays > 0
          ? [
              {
                id: 'colder-storage',
                prefix: `${ARCHIVE_PREFIXES.data}/`,
                transitions: [
                  {
                    storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
                    transitionAfter: Duration.days(props.archiveTransitionDays),
                  },
                ],
              },
            ]
          : []),
        ...(props.lifecycleRules ?? []),
      ],
    });
  }
}
