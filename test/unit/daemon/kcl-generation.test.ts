// Unit tests of the KCL generation choice: flags, the KCL_GENERATION variable, per-generation files, and the per-generation property keys.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../../common/errors';
import {
  DEFAULT_KCL_GENERATION,
  kclGenerationFromEnv,
  kclJarsDir,
  kclVersion,
  localPropertiesTemplate,
  pomKclVersion,
} from '../../../daemon/kcl-generation';
import { parseDemoArgs } from '../../../local/demo/demo-args';
import { parseStartArgs } from '../../../local/start/start-args';
import { parseProperties } from '../../../daemon/kcl-properties/properties-file';
import { validateProperties } from '../../../daemon/kcl-properties/properties-validator';
import { e2eGenerations } from '../../support/e2e-harness';

describe('KCL generation', () => {
  it('reads KCL_GENERATION, defaults without it, and rejects anything but 2 or 3', () => {
    expect(kclGenerationFromEnv({ KCL_GENERATION: '2' })).to.equal(2);
    expect(kclGenerationFromEnv({})).to.equal(DEFAULT_KCL_GENERATION);
    expect(() => kclGenerationFromEnv({ KCL_GENERATION: '4' })).to.throw(
      ConfigError,
      /KCL_GENERATION must be one of 2, 3/,
    );
  });

  it("takes the KCL version from each generation's pom and keeps jars per version", () => {
    expect([kclVersion(2), kclVersion(3)]).to.deep.equal(['2.7.2', '3.1.3']);
    expect([pomKclVersion(2), pomKclVersion(3)], 'KCL_VERSIONS and the poms agree').to.deep.equal([
      kclVersion(2),
      kclVersion(3),
    ]);
    expect(kclJarsDir(3)).to.match(/kcl\/jars\/3\.1\.3$/);
  });

  it('parses --kcl for npm start and npm run demo, and reports a bad value with the other problems', () => {
    expect(parseStartArgs(['--kcl', '2']).kcl).to.equal(2);
    expect(parseDemoArgs(['--kcl=3', '--records', '10']).kcl).to.equal(3);
    expect(() => parseDemoArgs(['--kcl', '5', '--shards', '99']))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.length(2);
    expect(() => parseStartArgs(['--kcl', '1'])).to.throw(ConfigError, /--kcl must be 2 or 3/);
  });

  it('runs the e2e suite on both generations unless narrowed', () => {
    expect(e2eGenerations({})).to.deep.equal([2, 3]);
    expect(e2eGenerations({ KCL_GENERATION: '2' })).to.deep.equal([2]);
    expect(e2eGenerations({ E2E_KCL_GENERATIONS: '3' })).to.deep.equal([3]);
    expect(() => e2eGenerations({ E2E_KCL_GENERATIONS: '3,x' })).to.throw(/E2E_KCL_GENERATIONS/);
  });
});

describe('validateProperties per generation', () => {
  const context = (generation: 2 | 3) => ({ cwd: process.cwd(), searchPath: process.env.PATH ?? '', generation });
  const read = (generation: 2 | 3) => parseProperties(fs.readFileSync(localPropertiesTemplate(generation), 'utf8'));

  it("accepts each generation's local template and the KCL 3 production template under their generation without errors", () => {
    for (const g of [2, 3] as const)
      expect(
        validateProperties(read(g), context(g)).filter((f) => f.severity === 'error'),
        `generation ${g}`,
      ).to.deep.equal([]);
    const production = parseProperties(
      fs.readFileSync(path.join(path.dirname(localPropertiesTemplate(3)), 'production-kcl3.properties'), 'utf8'),
    );
    expect(validateProperties(production, context(3)).filter((f) => f.severity === 'error')).to.deep.equal([]);
  });

  it('keeps every key of the 2.x files at the same value in their KCL 3 copies (one fact, two files)', () => {
    const dir = path.dirname(localPropertiesTemplate(2));
    for (const [two, three] of [
      ['local.properties', 'local-kcl3.properties'],
      ['production.properties', 'production-kcl3.properties'],
    ]) {
      const load = (file: string) =>
        new Map(parseProperties(fs.readFileSync(path.join(dir, file), 'utf8')).map((e) => [e.key, e.value]));
      const kcl3 = load(three);
      for (const [key, value] of load(two)) expect(kcl3.get(key), `${three}: ${key}`).to.equal(value);
    }
  });

  it('reports KCL 3 keys in a file validated for KCL 2, which 2.7.2 would ignore silently', () => {
    const keys = validateProperties(read(3), context(2))
      .filter((f) => f.severity === 'error')
      .map((f) => f.key);
    expect(keys).to.include.members(['clientVersionConfig', 'isGracefulLeaseHandoffEnabled']);
  });

  it('warns about 2.x lease-taker keys under KCL 3 in 3.x mode only', () => {
    const entries = parseProperties(
      `${fs.readFileSync(localPropertiesTemplate(3), 'utf8')}\nmaxLeasesToStealAtOneTime = 2\n`,
    );
    expect(
      validateProperties(entries, context(3)).find((f) => f.key === 'maxLeasesToStealAtOneTime')?.message,
    ).to.match(/ignored by KCL 3/);
    const compatible = entries.map((e) =>
      e.key === 'clientVersionConfig' ? { ...e, value: 'CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X' } : e,
    );
    expect(
      validateProperties(compatible, context(3)).filter((f) => f.key === 'maxLeasesToStealAtOneTime'),
    ).to.deep.equal([]);
  });

  it('checks decimal KCL 3 values', () => {
    const findings = validateProperties(
      parseProperties('workerMetricsEMAAlpha = fast\nmaxThroughputPerHostKBps = 512.5'),
      context(3),
    );
    expect(findings.filter((f) => f.key === 'workerMetricsEMAAlpha').map((f) => f.message)).to.deep.equal([
      'must be a number, got "fast"',
    ]);
    expect(findings.filter((f) => f.key === 'maxThroughputPerHostKBps')).to.deep.equal([]);
  });
});
