// Deregisters the KCL's enhanced fan-out consumer when the stack is destroyed: CloudFormation never created it, so it would not remove it.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { AwsCustomResource, AwsCustomResourcePolicy } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from './nag-suppressions';

export interface FanOutConsumerCleanupProps {
  readonly stream: IStream;
  /** The consumer's name: the KCL registers it under the application name (FanOutConfig, consumerName default). */
  readonly consumerName: string;
}

/**
 * On stack delete, calls DeregisterStreamConsumer(StreamARN, ConsumerName); an absent consumer
 * (ResourceNotFoundException) is fine. Why it is needed either way (Kinesis API reference, DeleteStream): a retained
 * stream keeps the consumer registered and billed per shard-hour; a deleted stream fails with ResourceInUseException
 * while it has consumers unless EnforceConsumerDeletion is set, which AWS::Kinesis::Stream does not offer
 * (cloudformation-coverage-roadmap #1720; aws-cli #3580 shows the failed delete-stack). Make the KCL service depend on
 * this construct so the service stops before the consumer goes (a running KCL would register it again).
 */
export class FanOutConsumerCleanup extends Construct {
  public readonly resource: AwsCustomResource;

  public constructor(scope: Construct, id: string, props: FanOutConsumerCleanupProps) {
    super(scope, id);
    this.resource = new AwsCustomResource(this, 'Deregister', {
      onDelete: {
        service: 'Kinesis',
        action: 'DeregisterStreamConsumer',
        parameters: { StreamARN: props.stream.streamArn, ConsumerName: props.consumerName },
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['kinesis:DeregisterStreamConsumer'],
          resources: [props.stream.streamArn, `${props.stream.streamArn}/consumer/*`],
        }),
      ]),
    });
    acknowledge(
      this,
      `IAM5[Resource::${arnToken(props.stream)}/consumer/*]`,
      'The consumer ARN ends with a creation timestamp the KCL gets at run time; the right is DeregisterStreamConsumer only, under this stream.',
    );
  }
}
