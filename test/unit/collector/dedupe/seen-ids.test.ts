// The bounded set of sent post keys: duplicates dropped, memory bounded, the position restored from a file.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SeenIds } from '../../../../collector/dedupe/seen-ids';
import { loadPosition, savePosition } from '../../../../collector/dedupe/seen-ids-file';

describe('SeenIds', () => {
  it('reports a key added before as a duplicate', () => {
    const seen = new SeenIds(10);
    expect(seen.add('x:1')).to.equal(true);
    expect(seen.add('x:1')).to.equal(false);
    expect(seen.add('instagram:1')).to.equal(true);
  });

  it('never holds more than its capacity and always the latest half', () => {
    const seen = new SeenIds(100);
    for (let i = 0; i < 1_000; i += 1) seen.add(`x:${i}`);
    expect(seen.size).to.be.at.most(100);
    for (let i = 950; i < 1_000; i += 1) expect(seen.has(`x:${i}`)).to.equal(true);
    expect(seen.has('x:0')).to.equal(false);
  });

  it('forgets a key whose send failed', () => {
    const seen = new SeenIds(10);
    seen.add('x:1');
    seen.delete('x:1');
    expect(seen.add('x:1')).to.equal(true);
  });

  it('survives a restart through the position file, and starts empty on a damaged one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seen-'));
    const file = path.join(dir, 'position.json');
    try {
      const before = new SeenIds(100);
      for (let i = 0; i < 30; i += 1) before.add(`x:${i}`);
      savePosition(file, before);
      const after = new SeenIds(100);
      expect(loadPosition(file, after)).to.deep.equal({ loaded: 30 });
      expect(after.has('x:0') && after.has('x:29')).to.equal(true);
      fs.writeFileSync(file, '{not json');
      const damaged = loadPosition(file, new SeenIds(100));
      expect(damaged.loaded).to.equal(0);
      expect(damaged.problem).to.match(/not a position file/);
      expect(loadPosition(path.join(dir, 'missing.json'), new SeenIds(10))).to.deep.equal({ loaded: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
