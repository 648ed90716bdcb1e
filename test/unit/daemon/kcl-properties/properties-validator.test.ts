// Unit tests for the daemon properties validator, and a check that the shipped properties files use only keys KCL 2.7.2 knows.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProperties } from '../../../../daemon/kcl-properties/properties-file';
import {
  validateProperties,
  validatePropertiesBytes,
  type Finding,
} from '../../../../daemon/kcl-properties/properties-validator';
import { REPO_ROOT } from '../../../../common/repo-root';

const context = { cwd: REPO_ROOT, searchPath: process.env.PATH ?? '' };
const VALID = [
  `executableName = ${process.execPath} package.json`,
  'applicationName = app',
  'streamName = s',
  'AwsCredentialsProvider = DefaultCredentialsProvider',
  'retrievalMode = POLLING',
  'shutdownGraceMillis = 10000',
].join('\n');

const run = (text: string): Finding[] => validateProperties(parseProperties(text), context);
const errors = (text: string): string[] =>
  run(text)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.key ?? ''}: ${f.message}`);

describe('validateProperties', () => {
  it('accepts a complete file', () => {
    expect(run(VALID)).to.deep.equal([]);
  });

  it('reports a misspelt key with the nearest known key', () => {
    expect(errors(`${VALID}\nshutdownGraceMilis = 5000`)).to.deep.equal([
      'shutdownGraceMilis: unknown key: the daemon ignores it silently; did you mean "shutdownGraceMillis"?',
    ]);
  });

  it('treats keys as case-sensitive except the credentials provider prefix, as the daemon does', () => {
    expect(errors(`${VALID}\nStreamName = x`)[0]).to.match(/^StreamName: unknown key.*"streamName"/);
    expect(errors(VALID.replace('AwsCredentialsProvider', 'AWSCREDENTIALSPROVIDER'))).to.deep.equal([]);
  });

  it('reports every missing required key at once', () => {
    expect(errors('retrievalMode = POLLING').map((e) => e.split(':')[0])).to.have.members([
      'executableName',
      'applicationName',
      'awsCredentialsProvider',
      'streamName',
    ]);
  });

  it('checks value types and enumerations', () => {
    expect(
      errors(`${VALID}\nfailoverTimeMillis = 10s\nmetricsLevel = LOUD\ncallProcessRecordsEvenForEmptyRecordList = yes`),
    ).to.have.length(3);
  });

  it('reports an executable script that does not exist and quotes that would reach the process literally', () => {
    expect(errors(VALID.replace('package.json', 'dist/nope/main.js'))[0]).to.match(/does not exist/);
    expect(errors(VALID.replace('package.json', '"package.json"'))[0]).to.match(/quotes/);
  });

  it('warns about values the daemon treats as unset and about fan-out by default', () => {
    const warnings = run(
      VALID.replace('retrievalMode = POLLING', 'failoverTimeMillis = 0').replace('shutdownGraceMillis = 10000', ''),
    ).map((f) => f.key);
    expect(warnings).to.have.members(['failoverTimeMillis', 'retrievalMode', 'shutdownGraceMillis']);
  });

  it('fails a file saved with a UTF-8 byte-order mark: the daemon sees no executableName and refuses to start', () => {
    const findings = validatePropertiesBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]),
      context,
    );
    const failed = findings.filter((f) => f.severity === 'error').map((f) => `${f.key ?? ''}: ${f.message}`);
    expect(failed.some((e) => /byte-order mark/.test(e))).to.equal(true);
    expect(failed).to.include('executableName: required key is missing');
  });

  it('fails a string value with trailing blanks, which the daemon keeps (streamName = "tweets   ")', () => {
    const findings = validatePropertiesBytes(
      Buffer.from(VALID.replace('streamName = s', 'streamName = tweets   ')),
      context,
    );
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.key ?? ''}: ${f.message}`)).to.deep.equal([
      'streamName: value "tweets   " ends in blanks, which the daemon keeps as part of the value',
    ]);
  });

  it('accepts trailing blanks after a number, which the daemon trims', () => {
    expect(
      validatePropertiesBytes(
        Buffer.from(VALID.replace('shutdownGraceMillis = 10000', 'shutdownGraceMillis = 10000  ')),
        context,
      ),
    ).to.deep.equal([]);
  });

  describe('values ending in a Unicode blank, which Java keeps and String.trim() does not remove (issue 25)', () => {
    const failed = (bytes: Buffer): string[] =>
      validatePropertiesBytes(bytes, context)
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.key ?? ''}: ${f.message}`);

    it('fails streamName ending in a no-break space written as \\u00a0, without --strict', () => {
      expect(failed(Buffer.from(VALID.replace('streamName = s', 'streamName = tweets\\u00a0')))).to.deep.equal([
        'streamName: value "tweets\u00a0" ends in U+00A0 (no-break space), an invisible blank the daemon keeps as part of the value',
      ]);
    });

    it('fails a no-break space typed in a UTF-8 file (the daemon reads "Â" plus U+00A0)', () => {
      const utf8 = Buffer.from(VALID.replace('streamName = s', 'streamName = tweets\u00a0'), 'utf8');
      expect(failed(utf8).some((e) => e.startsWith('streamName: ') && e.includes('ends in U+00A0'))).to.equal(true);
    });

    it('fails a number ending in a no-break space: the daemon cannot parse it, unlike ASCII blanks it trims', () => {
      expect(failed(Buffer.from(VALID.replace('10000', '10000\\u00a0')))).to.deep.equal([
        'shutdownGraceMillis: value "10000\u00a0" ends in U+00A0 (no-break space), an invisible blank the daemon keeps as part of the value',
      ]);
    });

    for (const [name, escape] of [
      ['an ideographic space U+3000', '\\u3000'],
      ['a narrow no-break space U+202F', '\\u202f'],
      ['a zero-width space U+200B', '\\u200b'],
      ['a byte-order mark U+FEFF', '\\ufeff'],
    ] as const) {
      it(`fails an application name ending in ${name}`, () => {
        const errors = failed(Buffer.from(VALID.replace('applicationName = app', `applicationName = app${escape}`)));
        expect(errors).to.have.length(1);
        expect(errors[0]).to.match(/^applicationName: value .* ends in U\+[0-9A-F]{4}/);
      });
    }

    it('fails a value starting with a no-break space (Properties strips only leading ASCII blanks)', () => {
      expect(failed(Buffer.from(VALID.replace('streamName = s', 'streamName = \\u00a0tweets')))[0]).to.match(
        /^streamName: value "\u00a0tweets" starts in U\+00A0/,
      );
    });

    it('keeps accepting non-breaking characters inside a value', () => {
      expect(failed(Buffer.from(VALID.replace('streamName = s', 'streamName = a\\u00a0b')))).to.deep.equal([]);
    });
  });

  it('reports a malformed \\u escape as a file the daemon cannot load', () => {
    const findings = validatePropertiesBytes(
      Buffer.from(`${VALID}
workerId = w\\u12g4`),
      context,
    );
    expect(findings.some((f) => f.severity === 'error' && /cannot load/.test(f.message))).to.equal(true);
  });

  for (const file of ['local.properties', 'production.properties']) {
    it(`properties/${file} uses only known keys with valid values`, () => {
      const findings = validatePropertiesBytes(fs.readFileSync(path.join(REPO_ROOT, 'properties', file)), context);
      expect(findings.filter((f) => f.severity === 'error' && !/does not exist/.test(f.message))).to.deep.equal([]);
    });
  }
});
