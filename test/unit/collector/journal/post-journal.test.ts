// The post journal: synced per batch, acks survive a restart, a torn line is cut, compaction bounds the file, a full disk fails loudly.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalWriteError } from '../../../../collector/journal/journal-errors';
import { NODE_JOURNAL_FILE_SYSTEM, type JournalFileSystem } from '../../../../collector/journal/journal-file-system';
import { PostJournal } from '../../../../collector/journal/post-journal';

const record = (n: number): { key: string; partitionKey: string; data: string } => ({
  key: `x:${n}`,
  partitionKey: `x:user${n}`,
  data: JSON.stringify({ source: 'x', id: String(n), text: `post ${n} ${'·'.repeat(50)}` }),
});

/** Node's fs, with a switch that makes every append fail as a full disk does (after writing half of it). */
function fillableFs(): JournalFileSystem & { full: boolean; syncs: number } {
  const fake = {
    ...NODE_JOURNAL_FILE_SYSTEM,
    full: false,
    syncs: 0,
    append(fd: number, bytes: Buffer): void {
      if (fake.full) {
        NODE_JOURNAL_FILE_SYSTEM.append(fd, bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      NODE_JOURNAL_FILE_SYSTEM.append(fd, bytes);
    },
    fsync(fd: number): void {
      fake.syncs += 1;
      NODE_JOURNAL_FILE_SYSTEM.fsync(fd);
    },
  };
  return fake;
}

describe('PostJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('syncs each batch once and gives back what was not marked sent after a restart', () => {
    const files = fillableFs();
    const { journal } = PostJournal.open(dir, { fs: files });
    const entries = journal.append([record(1), record(2), record(3)]);
    expect(files.syncs).to.equal(1);
    journal.markSent([entries[0]?.seq ?? 0, entries[2]?.seq ?? 0]);
    journal.close();
    const { journal: again, report } = PostJournal.open(dir);
    expect(report).to.deep.equal({ unsent: 1, corruptLines: 0 });
    expect(again.unsent().map((entry) => entry.key)).to.deep.equal(['x:2']);
    // New entries continue the sequence.
    expect(again.append([record(4)])[0]?.seq).to.equal(4);
    again.close();
  });

  it('cuts a torn final line (a write the crash interrupted) and keeps every synced entry', () => {
    const { journal } = PostJournal.open(dir);
    journal.append([record(1)]);
    journal.close();
    fs.appendFileSync(path.join(dir, 'posts.journal'), '{"n":2,"k":"x:2","p":"x:u","d":"{\\"id\\":');
    const { journal: again, report } = PostJournal.open(dir);
    expect(report).to.deep.equal({ unsent: 1, corruptLines: 0 });
    expect(fs.readFileSync(again.file, 'utf8').endsWith('\n')).to.equal(true);
    again.append([record(3)]);
    again.close();
    expect(
      PostJournal.open(dir)
        .journal.unsent()
        .map((entry) => entry.key),
    ).to.deep.equal(['x:1', 'x:3']);
  });

  it('compacts to the unsent entries once most of the file is sent, so it does not grow for ever', () => {
    const { journal } = PostJournal.open(dir, { compactMinBytes: 4_096 });
    let largest = 0;
    for (let batch = 0; batch < 200; batch += 1) {
      const entries = journal.append([record(batch * 3), record(batch * 3 + 1), record(batch * 3 + 2)]);
      // The last of each batch stays unsent a little longer.
      journal.markSent(entries.slice(0, 2).map((entry) => entry.seq));
      if (batch % 10 === 0) journal.markSent(journal.unsent().map((entry) => entry.seq));
      journal.flush();
      largest = Math.max(largest, fs.statSync(journal.file).size);
    }
    expect(largest).to.be.below(12_000);
    const left = journal.unsent().map((entry) => entry.key);
    journal.close();
    expect(
      PostJournal.open(dir)
        .journal.unsent()
        .map((entry) => entry.key),
    ).to.deep.equal(left);
  });

  it('fails a batch on a full disk with JournalWriteError, leaving no partial line and nothing counted', () => {
    const files = fillableFs();
    const { journal } = PostJournal.open(dir, { fs: files });
    journal.append([record(1)]);
    const sizeBefore = fs.statSync(journal.file).size;
    files.full = true;
    let error: unknown;
    try {
      journal.append([record(2), record(3)]);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.be.instanceOf(JournalWriteError);
    expect((error as JournalWriteError).diskFull).to.equal(true);
    expect((error as JournalWriteError).code).to.equal('JOURNAL_DISK_FULL');
    expect((error as Error).message).to.match(
      /the disk is full: cannot write the post journal .*posts\.journal \(ENOSPC\)/,
    );
    expect(fs.statSync(journal.file).size).to.equal(sizeBefore);
    expect(journal.unsentCount).to.equal(1);
    files.full = false;
    expect(journal.append([record(2)])[0]?.seq).to.equal(2);
    journal.close();
  });
});
