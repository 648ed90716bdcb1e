// The public dashboard's deploy settings (context dashboard*): domain and certificate, sign-in choice, WAF; all problems reported at once.
import type { ConfigReader } from '../../common/config/config-reader';

export type DashboardSignIn =
  | {
      readonly kind: 'cognito';
      /** The hosted UI's domain prefix: <prefix>.auth.<region>.amazoncognito.com (unique per region). */
      readonly domainPrefix: string;
    }
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      /** A Secrets Manager secret whose value (or `clientSecretField` of its JSON) is the client secret. */
      readonly clientSecretArn: string;
      readonly clientSecretField?: string;
      readonly authorizationEndpoint: string;
      readonly tokenEndpoint: string;
      readonly userInfoEndpoint: string;
      /** The provider's end-session URL; absent: sign-out ends the ALB session only. */
      readonly logoutUrl?: string;
    };

export interface DashboardSettings {
  readonly domain: string;
  readonly certificateArn: string;
  readonly signIn: DashboardSignIn;
  /** Tasks behind the load balancer (spread over the AZs; at least 2). */
  readonly tasks: number;
  readonly waf: boolean;
  /** Requests per client IP per 5 minutes before WAF blocks it. */
  readonly wafRateLimit: number;
}

export const DASHBOARD_CONTEXT_KEYS = [
  'dashboardDomain',
  'dashboardCertificateArn',
  'dashboardAuth',
  'dashboardCognitoDomainPrefix',
  'dashboardOidcIssuer',
  'dashboardOidcClientId',
  'dashboardOidcSecretArn',
  'dashboardOidcSecretField',
  'dashboardOidcAuthorizationEndpoint',
  'dashboardOidcTokenEndpoint',
  'dashboardOidcUserInfoEndpoint',
  'dashboardOidcLogoutUrl',
  'dashboardTasks',
  'dashboardWaf',
  'dashboardWafRateLimit',
] as const;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const COGNITO_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Undefined when neither dashboardDomain nor dashboardCertificateArn is given (no public dashboard is deployed). */
export function readDashboardSettings(reader: ConfigReader, resourcePrefix: string): DashboardSettings | undefined {
  const domain = reader.string('dashboardDomain');
  const certificateArn = reader.string('dashboardCertificateArn');
  if (domain === undefined && certificateArn === undefined) return undefined;
  if (domain === undefined || !DOMAIN.test(domain))
    reader.problem(
      'dashboardDomain must be a lower-case DNS name (dash.example.org): the HTTPS site and sign-in callback',
    );
  if (certificateArn === undefined || !ACM_ARN.test(certificateArn))
    reader.problem('dashboardCertificateArn must be an ACM certificate ARN for dashboardDomain, in the stack region');
  const kind = reader.oneOf('dashboardAuth', ['cognito', 'oidc'] as const, 'cognito');
  return {
    domain: domain ?? '',
    certificateArn: certificateArn ?? '',
    signIn: kind === 'cognito' ? readCognito(reader, resourcePrefix) : readOidc(reader),
    tasks: reader.integer('dashboardTasks', 2, { min: 2, max: 20 }),
    waf: reader.boolean('dashboardWaf', false),
    wafRateLimit: reader.integer('dashboardWafRateLimit', 1_000, { min: 10, max: 2_000_000_000 }),
  };
}

function readCognito(reader: ConfigReader, resourcePrefix: string): DashboardSignIn {
  const domainPrefix = reader.string('dashboardCognitoDomainPrefix', `${resourcePrefix}-dashboard`);
  if (!COGNITO_PREFIX.test(domainPrefix) || /aws|amazon|cognito/.test(domainPrefix))
    reader.problem(
      `dashboardCognitoDomainPrefix "${domainPrefix}" must be lower-case letters, digits and -, without aws, amazon or cognito`,
    );
  return { kind: 'cognito', domainPrefix };
}

function readOidc(reader: ConfigReader): DashboardSignIn {
  const urls = {
    issuer: reader.required('dashboardOidcIssuer'),
    authorizationEndpoint: reader.required('dashboardOidcAuthorizationEndpoint'),
    tokenEndpoint: reader.required('dashboardOidcTokenEndpoint'),
    userInfoEndpoint: reader.required('dashboardOidcUserInfoEndpoint'),
  };
  const logoutUrl = reader.string('dashboardOidcLogoutUrl');
  for (const [key, value] of Object.entries({ ...urls, logoutUrl }))
    if (value !== undefined && value !== '' && !value.startsWith('https://'))
      reader.problem(`dashboardOidc${key[0]?.toUpperCase()}${key.slice(1)} must be an https URL`);
  const clientSecretArn = reader.required('dashboardOidcSecretArn');
  if (clientSecretArn !== '' && !clientSecretArn.startsWith('arn:'))
    reader.problem('dashboardOidcSecretArn must be the Secrets Manager ARN of the client secret');
  const clientSecretField = reader.string('dashboardOidcSecretField');
  return {
    kind: 'oidc',
    ...urls,
    clientId: reader.required('dashboardOidcClientId'),
    clientSecretArn,
    ...(clientSecretField === undefined ? {} : { clientSecretField }),
    ...(logoutUrl === undefined ? {} : { logoutUrl }),
  };
}
