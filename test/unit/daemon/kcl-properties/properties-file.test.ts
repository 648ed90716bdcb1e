// Unit tests for the Java .properties reader and renderer used to produce the daemon's effective properties file.
import { expect } from 'chai';
import { parseProperties, propertiesToMap, renderProperties } from '../../../../daemon/kcl-properties/properties-file';

describe('properties-file', () => {
  it('parses `=`, `:` and whitespace separators, skips comments and keeps line numbers', () => {
    const entries = parseProperties(
      '# comment\n! also comment\nexecutableName = node a.js\nstreamName: s\n  regionName us-east-1\n',
    );
    expect(entries).to.deep.equal([
      { key: 'executableName', value: 'node a.js', line: 3 },
      { key: 'streamName', value: 's', line: 4 },
      { key: 'regionName', value: 'us-east-1', line: 5 },
    ]);
  });

  it('joins backslash continuation lines and unescapes', () => {
    const entries = parseProperties('executableName = node \\\n    dist/main.js\nkey\\ with\\ space = a\\tb\n');
    expect(propertiesToMap(entries).get('executableName')).to.equal('node dist/main.js');
    expect(propertiesToMap(entries).get('key with space')).to.equal('a\tb');
  });

  it('keeps the last value of a repeated key, as java.util.Properties does', () => {
    expect(propertiesToMap(parseProperties('a = 1\na = 2\n')).get('a')).to.equal('2');
  });

  it('replaces overridden keys in place and appends new ones', () => {
    const rendered = renderProperties('# head\nstreamName = old\nregionName = us-east-1\n', {
      streamName: 'new',
      workerId: 'w7',
    });
    expect(rendered).to.equal(
      '# head\nstreamName = new\nregionName = us-east-1\n\n# Set for this run\nworkerId = w7\n',
    );
    expect(propertiesToMap(parseProperties(rendered)).get('streamName')).to.equal('new');
  });

  it('refuses a value with a line break, which would inject another key', () => {
    expect(() => renderProperties('a = 1\n', { a: 'x\nexecutableName = evil' })).to.throw(/line break/);
  });
});
