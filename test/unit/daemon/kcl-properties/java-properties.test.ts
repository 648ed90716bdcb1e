// The properties reader against golden vectors from java.util.Properties.load(InputStream), the call the KCL daemon makes.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readAsDaemon, toMap } from '../../../../daemon/kcl-properties/java-properties';
import { REPO_ROOT } from '../../../../common/repo-root';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/properties');
const golden = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'golden.json'), 'utf8')) as Record<
  string,
  { entries?: Record<string, string>; error?: string }
>;

describe('readAsDaemon (java.util.Properties rules, ISO-8859-1 bytes)', () => {
  for (const [name, expected] of Object.entries(golden)) {
    it(`reads ${name} as java.util.Properties does`, () => {
      const view = readAsDaemon(fs.readFileSync(path.join(FIXTURES, 'cases', name)));
      if (expected.error !== undefined) {
        expect(view.entries).to.deep.equal([]);
        expect(view.notes.map((note) => note.message).join('\n')).to.include(expected.error);
        return;
      }
      const actual = Object.fromEntries([...toMap(view.entries)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(actual).to.deep.equal(expected.entries);
    });
  }

  it('says why the first key is not executableName in a file saved with a byte-order mark', () => {
    const view = readAsDaemon(fs.readFileSync(path.join(FIXTURES, 'cases', '01-bom.properties')));
    expect(view.entries[0].key).to.equal('\u00ef\u00bb\u00bfexecutableName');
    expect(view.notes).to.have.length(1);
    expect(view.notes[0]).to.include({ severity: 'error', line: 1 });
    expect(view.notes[0].message).to.match(/byte-order mark/);
  });

  it('warns where UTF-8 text will be read as ISO-8859-1, and gives line numbers of logical lines', () => {
    const view = readAsDaemon(Buffer.from('a = 1\nb = x \\\n  y\nname = ñ\n', 'utf8'));
    expect(view.notes.map((note) => [note.severity, note.line])).to.deep.equal([['warning', 4]]);
    expect(view.entries.map((entry) => [entry.key, entry.line])).to.deep.equal([
      ['a', 1],
      ['b', 2],
      ['name', 4],
    ]);
  });
});
