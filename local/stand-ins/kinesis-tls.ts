// The Kinesis stand-in's TLS identity for enhanced fan-out: a certificate for 127.0.0.1 that the project makes, and a Java trust store holding it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from 'selfsigned';

/** Files kinesis-local and the daemon's JVM read. The trust store holds only the public certificate. */
export interface KinesisTls {
  /** kinesis-mock's certificate file (`{"server":{"key","cert"}}`, KINESIS_MOCK_CERT_PATH). */
  readonly certJsonPath: string;
  readonly certPemPath: string;
  /** PKCS#12 trust store for `-Djavax.net.ssl.trustStore`. */
  readonly trustStorePath: string;
  /** The trust store's integrity password: it guards no secret (the store holds a public certificate). */
  readonly trustStorePassword: string;
}

const TRUST_STORE_PASSWORD = 'kinesis-local-trust';

/**
 * The KCL's enhanced fan-out (SubscribeToShard over HTTP/2) needs TLS, and the JVM must trust the server's
 * certificate and find 127.0.0.1 in its subject alternative names: kinesis-local's bundled certificate has neither
 * (CN=Unknown, no SAN). So the project makes its own once per folder (RSA 2048, SAN IP:127.0.0.1 and DNS:localhost,
 * ten years) and imports it into a trust store with the JDK's keytool; verification stays on everywhere.
 * Reuses the files when they exist. Throws when keytool is missing (a JDK is needed for the daemon anyway).
 */
export async function ensureKinesisTls(dir: string): Promise<KinesisTls> {
  const tls: KinesisTls = {
    certJsonPath: path.join(dir, 'kinesis-local-cert.json'),
    certPemPath: path.join(dir, 'kinesis-local-cert.pem'),
    trustStorePath: path.join(dir, 'kinesis-local-truststore.p12'),
    trustStorePassword: TRUST_STORE_PASSWORD,
  };
  if ([tls.certJsonPath, tls.certPemPath, tls.trustStorePath].every((file) => fs.existsSync(file))) return tls;
  fs.mkdirSync(dir, { recursive: true });
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3_600_000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  fs.writeFileSync(tls.certJsonPath, JSON.stringify({ server: { key: pems.private, cert: pems.cert } }), {
    mode: 0o600,
  });
  fs.writeFileSync(tls.certPemPath, pems.cert);
  fs.rmSync(tls.trustStorePath, { force: true });
  execFileSync(
    'keytool',
    [
      '-importcert',
      '-noprompt',
      '-alias',
      'kinesis-local',
      '-file',
      tls.certPemPath,
      '-keystore',
      tls.trustStorePath,
      '-storetype',
      'PKCS12',
      '-storepass',
      tls.trustStorePassword,
    ],
    { stdio: 'ignore' },
  );
  return tls;
}

/** JVM options that make the daemon trust the stand-in's certificate (and only add to, never disable, verification). */
export function trustStoreJavaOptions(tls: KinesisTls): string[] {
  return [
    `-Djavax.net.ssl.trustStore=${tls.trustStorePath}`,
    `-Djavax.net.ssl.trustStorePassword=${tls.trustStorePassword}`,
    '-Djavax.net.ssl.trustStoreType=PKCS12',
  ];
}
