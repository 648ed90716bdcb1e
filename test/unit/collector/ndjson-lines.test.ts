// Line splitting of the chunked stream: keep-alives, CRLF, and UTF-8 characters cut across chunks at every byte.
import { expect } from 'chai';
import fc from 'fast-check';
import { NdjsonLines } from '../../../collector/ndjson-lines';

describe('NdjsonLines', () => {
  it('tells keep-alive newlines from lines and strips the CR', () => {
    const lines = new NdjsonLines();
    expect(lines.push(Buffer.from('\r\n{"a":1}\r\n{"b"'))).to.deep.equal([
      { kind: 'keep-alive' },
      { kind: 'line', text: '{"a":1}' },
    ]);
    expect(lines.partial).to.equal('{"b"');
    expect(lines.push(Buffer.from(':2}\r\n\r\n'))).to.deep.equal([
      { kind: 'line', text: '{"b":2}' },
      { kind: 'keep-alive' },
    ]);
  });

  it('decodes multi-byte characters intact wherever the chunks are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (texts, cuts) => {
          const clean = texts.map((text) => text.replace(/[\r\n]/g, 'x')).filter((text) => text.trim() !== '');
          const bytes = Buffer.from(clean.map((text) => `${text}\r\n`).join(''), 'utf8');
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const lines = new NdjsonLines();
          const out: string[] = [];
          let from = 0;
          for (const point of [...points, bytes.length]) {
            for (const line of lines.push(bytes.subarray(from, point))) if (line.kind === 'line') out.push(line.text);
            from = point;
          }
          expect(out).to.deep.equal(clean);
        },
      ),
    );
  });
});
