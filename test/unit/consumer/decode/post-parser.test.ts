// The consumer reads the collector's `source` field into the post, and ignores a value that is not a short name.
import { expect } from 'chai';
import { parsePost } from '../../../../consumer/decode/post-parser';

const base = { id: '1', text: 'la zona de bajas emisiones #ZBE', created_at: '2026-11-30T05:00:00+0000' };

describe('post source', () => {
  it('keeps the source the collector set', () => {
    const parsed = parsePost({ ...base, source: 'instagram' }, 0);
    expect(parsed.ok && parsed.value.source).to.equal('instagram');
    expect(parsed.ok && parsed.value.createdAt).to.equal('2026-11-30T05:00:00.000Z');
  });

  it('leaves it undefined when absent or not a short lower-case name, without rejecting the post', () => {
    for (const source of [undefined, 'X Corp', 42, 'a'.repeat(40)]) {
      const parsed = parsePost({ ...base, source }, 0);
      expect(parsed.ok).to.equal(true);
      expect(parsed.ok && parsed.value.source).to.equal(undefined);
    }
  });
});
