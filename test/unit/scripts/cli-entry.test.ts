// The parse step every CLI shares: problems (an unknown flag even beside --help) exit 2 with the usage; --help exits 0.
import { expect } from 'chai';
import { parseCli } from '../../../scripts/cli-entry';
import { parseOptions } from '../../../common/config/parse-options';
import { ConfigError } from '../../../common/errors';
import { parseArgs } from 'node:util';

function recorder(): { out: string[]; err: string[]; print: (t: string) => void; printError: (t: string) => void } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (t) => out.push(t), printError: (t) => err.push(t) };
}

/** A tool's parser as the CLIs write it: parseOptions, every problem in one ConfigError, `help` a plain flag. */
function parseTool(argv: readonly string[]): { help: boolean; json: boolean } {
  const parsed = parseOptions(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (parsed.problems.length > 0) throw new ConfigError('tool options', parsed.problems);
  return { help: parsed.values.help === true, json: parsed.values.json === true };
}

describe('parseCli (scripts/cli-entry)', () => {
  it('refuses an unknown flag with exit 2 even when --help is given, naming it and printing the usage', () => {
    const io = recorder();
    const parsed = parseCli(
      'usage: tool [--json]',
      io,
      () => parseTool(['--json', '--bogus', '--help']),
      (a) => a.help,
    );
    expect(parsed.exit).to.equal(2);
    expect(io.out).to.deep.equal([]);
    expect(io.err.join('\n')).to.contain('--bogus').and.to.contain('usage: tool [--json]');
  });

  it('treats parseArgs strict refusals as usage errors too', () => {
    const io = recorder();
    const parsed = parseCli(
      'usage: strict',
      io,
      () => parseArgs({ args: ['--nope'], options: { help: { type: 'boolean' } }, strict: true }).values,
      (v) => v.help === true,
    );
    expect(parsed.exit).to.equal(2);
    expect(io.err.join('\n')).to.contain('--nope');
  });

  it('prints the usage on stdout and exits 0 on --help alone', () => {
    const io = recorder();
    expect(
      parseCli(
        'usage: tool',
        io,
        () => parseTool(['--help']),
        (a) => a.help,
      ).exit,
    ).to.equal(0);
    expect(io.out).to.deep.equal(['usage: tool']);
  });

  it('returns the arguments otherwise, and lets an unexpected error through', () => {
    const io = recorder();
    const parsed = parseCli(
      'usage: tool',
      io,
      () => parseTool(['--json']),
      (a) => a.help,
    );
    expect(parsed.exit).to.equal(undefined);
    expect(parsed).to.deep.include({ args: { help: false, json: true } });
    expect(() =>
      parseCli(
        'u',
        io,
        () => {
          throw new RangeError('bug');
        },
        () => false,
      ),
    ).to.throw(RangeError);
  });
});
