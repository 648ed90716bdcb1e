// The port contract of the local stack: each port's default, the flag and the variable that move it, and what uses it.
import { DASHBOARD_SETTINGS } from '../../reporting/dashboard/dashboard-settings';

/** The ports of `npm start`: the stand-ins' and the dashboard's. */
export interface StartPorts {
  readonly kinesis: number;
  readonly kinesisTls: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly postgres: number;
  readonly dashboard: number;
}

/** Each port of `npm start`: its default, the flag and the variable that move it (named in the "port taken" message). */
export const PORT_SETTINGS: Readonly<
  Record<
    keyof StartPorts,
    { readonly port: number; readonly flag: string; readonly variable: string; readonly what: string }
  >
> = {
  kinesis: {
    port: 4567,
    flag: '--kinesis-port',
    variable: 'LOCAL_KINESIS_PORT',
    what: 'Kinesis stand-in (kinesis-local)',
  },
  dynamodb: {
    port: 4568,
    flag: '--dynamodb-port',
    variable: 'LOCAL_DYNAMODB_PORT',
    what: 'DynamoDB stand-in (dynalite)',
  },
  s3: { port: 4569, flag: '--s3-port', variable: 'LOCAL_S3_PORT', what: 'S3 stand-in (s3rver)' },
  dashboard: {
    port: DASHBOARD_SETTINGS.port.default,
    flag: '--dashboard-port',
    variable: DASHBOARD_SETTINGS.port.variable,
    what: 'dashboard',
  },
  kinesisTls: {
    port: 4571,
    flag: '--kinesis-tls-port',
    variable: 'LOCAL_KINESIS_TLS_PORT',
    what: "Kinesis stand-in's TLS listener",
  },
  postgres: {
    port: 5433,
    flag: '--postgres-port',
    variable: 'LOCAL_POSTGRES_PORT',
    what: 'PostgreSQL (Redshift stand-in)',
  },
};

/** The ports the stand-ins listen on: Kinesis (and its TLS port) and DynamoDB, S3 and PostgreSQL only with sinks. */
export function standInPorts(withSinks: boolean): Exclude<keyof StartPorts, 'dashboard'>[] {
  return withSinks ? ['kinesis', 'kinesisTls', 'dynamodb', 's3', 'postgres'] : ['kinesis', 'kinesisTls', 'dynamodb'];
}
