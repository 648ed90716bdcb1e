// formatResult: aligned table, RFC 4180 CSV and JSON objects from DuckDB's JSON-safe values; hourStartOf on curated folders.
import { expect } from 'chai';
import { hourStartOf } from '../../../analytics/compaction/compact-curated';
import { formatResult } from '../../../analytics/query/result-format';

const result = {
  columns: ['label', 'n', 'tags'],
  rows: [
    ['NEGATIVE', '12', ['traffic', 'rain']],
    ['say "no", twice', 3, null],
  ],
};

describe('formatResult', () => {
  it('aligns a table under its header and counts the rows', () => {
    expect(formatResult(result, 'table').split('\n')).to.deep.equal([
      'label            n   tags',
      '---------------  --  ------------------',
      'NEGATIVE         12  ["traffic","rain"]',
      'say "no", twice  3',
      '(2 rows)',
    ]);
  });

  it('quotes CSV cells holding commas or quotes, and leaves nulls empty', () => {
    expect(formatResult(result, 'csv').split('\n')).to.deep.equal([
      'label,n,tags',
      'NEGATIVE,12,"[""traffic"",""rain""]"',
      '"say ""no"", twice",3,',
    ]);
  });

  it('prints JSON objects keyed by column', () => {
    expect(JSON.parse(formatResult(result, 'json'))).to.deep.equal([
      { label: 'NEGATIVE', n: '12', tags: ['traffic', 'rain'] },
      { label: 'say "no", twice', n: 3, tags: null },
    ]);
  });
});

describe('hourStartOf', () => {
  it('reads the UTC hour of a curated hour folder and nothing else', () => {
    expect(hourStartOf('curated/posts/dt=2026-12-06/hour=23/')).to.equal(Date.UTC(2026, 11, 6, 23));
    expect(hourStartOf('curated/posts/dt=2026-12-06/')).to.equal(undefined);
    expect(hourStartOf('curated/posts/other/')).to.equal(undefined);
  });
});
