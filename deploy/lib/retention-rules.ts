// S3 lifecycle rules that expire each dataset of the archive bucket after its retention (0 days: kept for ever).
import { Duration } from 'aws-cdk-lib';
import type { LifecycleRule } from 'aws-cdk-lib/aws-s3';

export interface Retention {
  readonly rawDays: number;
  readonly deadLetterDays: number;
  readonly curatedDays: number;
}

/** One expiry rule per dataset with a retention; `prefixes` are the consumer's (raw, errors, curated). */
export function retentionRules(
  retention: Retention,
  prefixes: { readonly raw: string; readonly errors: string; readonly curated: string },
): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  const add = (id: string, prefix: string, days: number): void => {
    if (days > 0) rules.push({ id, prefix: `${prefix}/`, expiration: Duration.days(days) });
  };
  add('expire-raw-archive', prefixes.raw, retention.rawDays);
  add('expire-dead-letters', prefixes.errors, retention.deadLetterDays);
  add('expire-curated', prefixes.curated, retention.curatedDays);
  return rules;
}
