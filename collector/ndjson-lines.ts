// Splits a chunked byte stream into lines: UTF-8 characters split across chunks decode intact, blank lines are keep-alives.

export type StreamLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'keep-alive' };

export class NdjsonLines {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';

  /** The complete lines in `chunk` (plus what earlier chunks left); an unfinished line waits for the next chunk. */
  public push(chunk: Uint8Array): StreamLine[] {
    // stream: true keeps a partial multi-byte sequence for the next call instead of emitting U+FFFD.
    this.pending += this.decoder.decode(chunk, { stream: true });
    const out: StreamLine[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const text = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      out.push(text.trim() === '' ? { kind: 'keep-alive' } : { kind: 'line', text });
      newline = this.pending.indexOf('\n');
    }
    return out;
  }

  /** Characters received after the last newline (a line the connection cut short). */
  public get partial(): string {
    return this.pending;
  }
}
