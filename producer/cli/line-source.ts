// Lines of a text stream as an async iterable that starts reading only when iterated (readline drops lines emitted earlier).
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';

export async function* readLines(open: () => Readable): AsyncGenerator<string> {
  const lines = readline.createInterface({ input: open(), crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
  }
}
