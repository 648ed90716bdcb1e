// Mapping of filtered-stream lines: username not display name, hashtag objects to strings, malformed and system lines.
import { expect } from 'chai';
import { mapXLine } from '../../../../collector/x/x-post-mapper';
import { xTweet } from '../../../fakes/fake-x-api-server';

describe('mapXLine', () => {
  it('maps a tweet to the consumer post shape with source x, the username and plain hashtags', () => {
    const line = JSON.stringify(xTweet('1800', 'Buses faster #ZBE #Madrid', 'ana_v', '2026-11-30T05:00:00.000Z'));
    expect(mapXLine(line)).to.deep.equal({
      kind: 'post',
      post: {
        source: 'x',
        id: '1800',
        text: 'Buses faster #ZBE #Madrid',
        created_at: '2026-11-30T05:00:00.000Z',
        lang: 'en',
        user: 'ana_v',
        hashtags: ['ZBE', 'Madrid'],
      },
    });
  });

  it('counts a line that is not JSON or lacks fields as malformed, and an errors message as a system message', () => {
    expect(mapXLine('{"data": {"id"').kind).to.equal('malformed');
    expect(mapXLine('[1]').kind).to.equal('malformed');
    expect(mapXLine('{"data": {"id": "1"}}').kind).to.equal('malformed');
    expect(mapXLine('{"errors": [{"title": "operational-disconnect"}]}')).to.deep.equal({
      kind: 'system',
      detail: 'operational-disconnect',
    });
  });

  it('leaves lang out when X says und, and user empty when the author is not in includes', () => {
    const mapped = mapXLine(
      JSON.stringify({
        data: { id: '1', text: '🚲', created_at: '2026-11-30T05:00:00.000Z', lang: 'und', author_id: '9' },
      }),
    );
    expect(mapped.kind === 'post' && mapped.post).to.deep.equal({
      source: 'x',
      id: '1',
      text: '🚲',
      created_at: '2026-11-30T05:00:00.000Z',
      user: '',
      hashtags: [],
    });
  });
});
