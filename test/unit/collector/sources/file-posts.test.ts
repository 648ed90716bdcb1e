// The file source reads numeric ids above 2^53 whole: two posts whose ids differ in the last digits stay two posts.
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { FilePosts } from '../../../../collector/sources/file-posts';
import type { CollectedPost } from '../../../../collector/collected-post';

describe('FilePosts', () => {
  it('keeps every digit of a numeric id (no double), so the second post is not dropped as a duplicate', async () => {
    const lines = [
      '{"id": 1865123456789012999, "text": "first #ZBE", "created_at": "2026-12-06T10:00:00Z"}',
      '{"id": 1865123456789013001, "text": "second #ZBE", "created_at": "2026-12-06T10:00:01Z"}',
      '{"id": 42, "text": "small", "created_at": "2026-12-06T10:00:02Z"}',
    ];
    const source = new FilePosts(() => Readable.from([`${lines.join('\n')}\n`]));
    const posts: CollectedPost[] = [];
    for await (const post of source.posts(new AbortController().signal)) posts.push(post);
    expect(posts.map((post) => post.id)).to.deep.equal(['1865123456789012999', '1865123456789013001', '42']);
    expect(posts[0]).to.include({ source: 'file', text: 'first #ZBE' });
  });
});
