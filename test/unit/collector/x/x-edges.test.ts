// The X edge as X sends it: big numeric ids, other apps' rules, long posts in note_tweet, HTML entities, hashtags in any script.
import { expect } from 'chai';
import { mapXLine, type XLine } from '../../../../collector/x/x-post-mapper';
import { unescapeXText } from '../../../../collector/x/x-text';
import { hashtagsIn } from '../../../../common/hashtag';
import { xTweet } from '../../../fakes/fake-x-api-server';

const OURS = { tag: 'kinesis-sentiment-collector', ids: new Set(['100']) };
const post = (line: XLine): Extract<XLine, { kind: 'post' }>['post'] => {
  if (line.kind !== 'post') throw new Error(`not a post: ${JSON.stringify(line)}`);
  return line.post;
};

describe('the X edge', () => {
  it('reads numeric ids above 2^53 without a double: two posts 8 apart stay two ids', () => {
    const line = (id: string): string =>
      `{"data": {"id": ${id}, "text": "#ZBE", "created_at": "2026-12-06T10:00:00.000Z"}, "matching_rules": [{"id": "100"}]}`;
    const first = post(mapXLine(line('1865123456789012999'), OURS));
    const second = post(mapXLine(line('1865123456789013007'), OURS));
    expect(first.id).to.equal('1865123456789012999');
    expect(second.id).to.equal('1865123456789013007');
    // What JSON.parse made of them: one id.
    expect(String(JSON.parse('1865123456789012999'))).to.equal(String(JSON.parse('1865123456789013007')));
  });

  it('prefers id_str when X gives it', () => {
    const line = `{"data": {"id": 1865123456789012999, "id_str": "1865123456789012999", "text": "a", "created_at": "2026-12-06T10:00:00Z"}}`;
    expect(post(mapXLine(line)).id).to.equal('1865123456789012999');
  });

  it('keeps only posts that matched our rules on a stream shared with another app', () => {
    const tweet = xTweet('1', 'Buses #ZBE', 'ana') as { matching_rules: unknown };
    const foreign = { ...tweet, matching_rules: [{ id: '7', tag: 'another-app' }] };
    const byId = { ...tweet, matching_rules: [{ id: '100' }] };
    const both = {
      ...tweet,
      matching_rules: [
        { id: '7', tag: 'another-app' },
        { id: '100', tag: 'x' },
      ],
    };
    const none = { ...tweet, matching_rules: undefined };
    expect(mapXLine(JSON.stringify(foreign), OURS)).to.deep.equal({ kind: 'other-rules', id: '1' });
    expect(mapXLine(JSON.stringify(none), OURS).kind).to.equal('other-rules');
    expect(mapXLine(JSON.stringify(byId), OURS).kind).to.equal('post');
    expect(mapXLine(JSON.stringify(both), OURS).kind).to.equal('post');
    expect(mapXLine(JSON.stringify(tweet), OURS).kind).to.equal('post');
  });

  it('stores the whole text of a long post from note_tweet, with its hashtags', () => {
    const whole = `${'La zona de bajas emisiones '.repeat(15)}#ZBE #Madrid`;
    const tweet = xTweet('2', whole.slice(0, 280), 'ana') as { data: Record<string, unknown> };
    tweet.data.note_tweet = {
      text: whole,
      entities: { hashtags: [{ start: 0, end: 4, tag: 'ZBE' }, { tag: 'Madrid' }] },
    };
    const mapped = post(mapXLine(JSON.stringify(tweet), OURS));
    expect(whole.length).to.be.above(280);
    expect(mapped.text).to.equal(whole);
    expect(mapped.hashtags).to.deep.equal(['ZBE', 'Madrid']);
  });

  it('unescapes &amp; &lt; &gt; in text, and only those, in one pass', () => {
    expect(unescapeXText('Tom &amp; Jerry &lt;3 &gt;_&lt; &amp;lt; &quot;x&quot; &#39;')).to.equal(
      'Tom & Jerry <3 >_< &lt; &quot;x&quot; &#39;',
    );
    const tweet = xTweet('3', 'Bikes &amp; buses &gt; cars #ZBE', 'ana');
    expect(post(mapXLine(JSON.stringify(tweet), OURS)).text).to.equal('Bikes & buses > cars #ZBE');
  });

  it('keeps hashtags in other scripts whole and NFC-normalised', () => {
    expect(hashtagsIn('ভাষা #বাংলা দিবস #हिन्दी #Cafe\u0301 #ZBE')).to.deep.equal([
      'বাংলা',
      'हिन्दी',
      'Caf\u00e9',
      'ZBE',
    ]);
    const tweet = xTweet('4', 'ভাষা #বাংলা', 'ana') as { data: { entities: { hashtags: { tag: string }[] } } };
    tweet.data.entities.hashtags = [{ tag: 'Cafe\u0301' }, { tag: 'বাংলা' }];
    expect(post(mapXLine(JSON.stringify(tweet), OURS)).hashtags).to.deep.equal(['Caf\u00e9', 'বাংলা']);
  });
});
