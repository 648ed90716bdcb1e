// Sign-in for the public dashboard: a Cognito user pool the stack creates (hosted UI, admin-created users) or the city's own OIDC provider.
import { Duration, Fn, SecretValue, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { ListenerAction } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { AuthenticateCognitoAction } from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import { Construct } from 'constructs';
import { SIGNED_OUT_PATH } from '../../reporting/dashboard/alb-auth-settings';
import type { DashboardSignIn } from './dashboard-settings';
import { acknowledge } from './nag-suppressions';

/** An ALB session lasts at most this long before the person signs in again (the ALB default is 7 days). */
const SESSION_TIMEOUT = Duration.hours(8);

export interface DashboardAuthProps {
  readonly signIn: DashboardSignIn;
  /** https://<domain>: the callback and sign-out addresses hang off it. */
  readonly publicUrl: string;
  readonly removalPolicy: RemovalPolicy;
}

export class DashboardAuth extends Construct {
  /** `iss` in the ALB's token: the user pool's or the provider's issuer. */
  public readonly issuer: string;
  /** The app client id: `client` in the ALB's token header. */
  public readonly clientId: string;
  /** Where /sign-out sends the browser: the provider's logout, returning to /signed-out. */
  public readonly signOutUrl: string;
  /** The Cognito user pool's id (where admins create users); absent with OIDC. */
  public readonly userPoolId?: string;
  private readonly authenticate: (next: ListenerAction) => ListenerAction;

  public constructor(scope: Construct, id: string, props: DashboardAuthProps) {
    super(scope, id);
    const signedOut = `${props.publicUrl}${SIGNED_OUT_PATH}`;
    if (props.signIn.kind === 'oidc') {
      const oidc = props.signIn;
      this.issuer = oidc.issuer;
      this.clientId = oidc.clientId;
      this.signOutUrl = oidc.logoutUrl ?? SIGNED_OUT_PATH;
      // A dynamic reference: CloudFormation resolves the secret at deploy time; the template never holds it.
      const clientSecret = SecretValue.secretsManager(
        oidc.clientSecretArn,
        oidc.clientSecretField === undefined ? {} : { jsonField: oidc.clientSecretField },
      );
      this.authenticate = (next) =>
        ListenerAction.authenticateOidc({
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          clientSecret,
          authorizationEndpoint: oidc.authorizationEndpoint,
          tokenEndpoint: oidc.tokenEndpoint,
          userInfoEndpoint: oidc.userInfoEndpoint,
          scope: 'openid email profile',
          sessionTimeout: SESSION_TIMEOUT,
          next,
        });
      return;
    }
    const pool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy,
    });
    const domain: UserPoolDomain = pool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.signIn.domainPrefix },
    });
    const client = new UserPoolClient(this, 'AppClient', {
      userPool: pool,
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // The ALB's fixed callback path (ELB guide, "Authenticate users using an Application Load Balancer").
        callbackUrls: [`${props.publicUrl}/oauth2/idpresponse`],
        logoutUrls: [signedOut],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
    });
    // The `iss` the ALB's token carries for a user pool (aws-jwt-verify's ALB notes); ProviderURL lacks the scheme.
    this.issuer = Fn.join('', ['https://cognito-idp.', Stack.of(this).region, '.amazonaws.com/', pool.userPoolId]);
    this.clientId = client.userPoolClientId;
    this.userPoolId = pool.userPoolId;
    this.signOutUrl = Fn.join('', [
      domain.baseUrl(),
      '/logout?client_id=',
      client.userPoolClientId,
      '&logout_uri=',
      encodeURIComponent(signedOut),
    ]);
    this.authenticate = (next) =>
      new AuthenticateCognitoAction({
        userPool: pool,
        userPoolClient: client,
        userPoolDomain: domain,
        scope: 'openid email profile',
        sessionTimeout: SESSION_TIMEOUT,
        next,
      });
    acknowledge(
      pool,
      'COG2',
      'MFA is optional by decision (issue 26): policy makers enrol a TOTP app if they want; admins create every account, nobody signs up.',
    );
    acknowledge(
      pool,
      'COG8',
      'The Plus feature plan (threat protection) is billed per monthly active user; a few admin-created accounts with optional TOTP MFA and 8-hour ALB sessions do not need it.',
    );
    acknowledge(
      pool,
      'COG3',
      'Threat protection (advanced security) is billed per active user; the pool has a handful of admin-created users and the ALB session expires after 8 hours.',
    );
  }

  /** The listener action: authenticate first, then `next` (forward to the dashboard). */
  public action(next: ListenerAction): ListenerAction {
    return this.authenticate(next);
  }
}
