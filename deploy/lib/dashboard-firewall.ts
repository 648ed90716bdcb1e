// Optional AWS WAF in front of the dashboard's load balancer (context dashboardWaf=true): AWS's common rule set and a per-IP rate limit.
import type { ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** The managed common rule set and a per-IP rate limit, in front of the load balancer. */
export function addDashboardFirewall(scope: Construct, loadBalancer: ApplicationLoadBalancer, rateLimit: number): void {
  const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
    cloudWatchMetricsEnabled: true,
    metricName: name,
    sampledRequestsEnabled: true,
  });
  const acl = new CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('dashboard-waf'),
    rules: [
      {
        name: 'AWSManagedRulesCommonRuleSet',
        priority: 0,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        visibilityConfig: visibility('dashboard-common-rules'),
      },
      {
        name: 'RatePerIp',
        priority: 1,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('dashboard-rate-limit'),
      },
    ],
  });
  new CfnWebACLAssociation(scope, 'WebAclAssociation', {
    resourceArn: loadBalancer.loadBalancerArn,
    webAclArn: acl.attrArn,
  });
}
