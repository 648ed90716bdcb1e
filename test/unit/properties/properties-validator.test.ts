// Unit tests for the daemon properties validator, and a check that the shipped properties files use only keys KCL 2.7.2 knows.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProperties } from '../../../local/properties-file';
import { validateProperties, type Finding } from '../../../local/properties-validator';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const context = { cwd: repoRoot, searchPath: process.env.PATH ?? '' };
const VALID = [
  `executableName = ${process.execPath} package.json`,
  'applicationName = app', 'streamName = s', 'AwsCredentialsProvider = DefaultCredentialsProvider',
  'retrievalMode = POLLING', 'shutdownGraceMillis = 10000',
].join('\n');

const run = (text: string): Finding[] => validateProperties(parseProperties(text), context);
const errors = (text: string): string[] => run(text).filter((f) => f.severity === 'error').map((f) => `${f.key ?? ''}: ${f.message}`);

describe('validateProperties', () => {
  it('accepts a complete file', () => {
    expect(run(VALID)).to.deep.equal([]);
  });

  it('reports a misspelt key with the nearest known key', () => {
    expect(errors(`${VALID}\nshutdownGraceMilis = 5000`)).to.deep.equal(['shutdownGraceMilis: unknown key: the daemon ignores it silently; did you mean "shutdownGraceMillis"?']);
  });

  it('treats keys as case-sensitive except the credentials provider prefix, as the daemon does', () => {
    expect(errors(`${VALID}\nStreamName = x`)[0]).to.match(/^StreamName: unknown key.*"streamName"/);
    expect(errors(VALID.replace('AwsCredentialsProvider', 'AWSCREDENTIALSPROVIDER'))).to.deep.equal([]);
  });

  it('reports every missing required key at once', () => {
    expect(errors('retrievalMode = POLLING').map((e) => e.split(':')[0])).to.have.members(['executableName', 'applicationName', 'awsCredentialsProvider', 'streamName']);
  });

  it('checks value types and enumerations', () => {
    expect(errors(`${VALID}\nfailoverTimeMillis = 10s\nmetricsLevel = LOUD\ncallProcessRecordsEvenForEmptyRecordList = yes`)).to.have.length(3);
  });

  it('reports an executable script that does not exist and quotes that would reach the process literally', () => {
    expect(errors(VALID.replace('package.json', 'dist/nope/main.js'))[0]).to.match(/does not exist/);
    expect(errors(VALID.replace('package.json', '"package.json"'))[0]).to.match(/quotes/);
  });

  it('warns about values the daemon treats as unset and about fan-out by default', () => {
    const warnings = run(VALID.replace('retrievalMode = POLLING', 'failoverTimeMillis = 0').replace('shutdownGraceMillis = 10000', '')).map((f) => f.key);
    expect(warnings).to.have.members(['failoverTimeMillis', 'retrievalMode', 'shutdownGraceMillis']);
  });

  for (const file of ['local.properties', 'production.properties']) {
    it(`properties/${file} uses only known keys with valid values`, () => {
      const findings = validateProperties(parseProperties(fs.readFileSync(path.join(repoRoot, 'properties', file), 'utf8')), context);
      expect(findings.filter((f) => f.severity === 'error' && !/does not exist/.test(f.message))).to.deep.equal([]);
    });
  }
});
