// Streams records as newline-delimited JSON, gzip'd when asked, so large objects never sit in memory whole.
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { UserRecord } from '../../../common/user-record';
import { archiveLineText } from './archive-line';

/** Lines are produced lazily, so the gzip stream pulls them at the pace the upload consumes parts. */
export function archiveBody(records: readonly UserRecord[], gzip: boolean): Readable {
  const lines = Readable.from(linesOf(records), { objectMode: false });
  if (!gzip) return lines;
  const zipped = createGzip({ level: 6 });
  lines.on('error', (error) => zipped.destroy(error));
  return lines.pipe(zipped);
}

function* linesOf(records: readonly UserRecord[]): Generator<Buffer> {
  // Many small lines per chunk: one chunk per line would make the stream overhead dominate.
  let chunk: string[] = [];
  let length = 0;
  for (const record of records) {
    const line = archiveLineText(record);
    chunk.push(line);
    length += line.length;
    if (length >= 64 * 1024) {
      yield Buffer.from(chunk.join(''), 'utf8');
      chunk = [];
      length = 0;
    }
  }
  if (chunk.length > 0) yield Buffer.from(chunk.join(''), 'utf8');
}
