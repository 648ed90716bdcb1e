// An ObjectStore in memory for unit tests, with injectable failures to simulate a crash between two writes.
import type { Readable } from 'node:stream';
import type { ObjectStore, PutOptions } from '../../../../../consumer/sinks/s3/object-store';

export class InMemoryObjectStore implements ObjectStore {
  public readonly objects = new Map<string, { bytes: Buffer; contentType: string }>();
  public puts = 0;
  private failWhen: ((key: string) => boolean) | undefined;
  private failAfterStoreWhen: ((key: string) => boolean) | undefined;

  /** Makes every put whose key matches fail (until `heal()`), like a process dying before the write lands. */
  public failPutsWhere(predicate: (key: string) => boolean): void {
    this.failWhen = predicate;
  }

  /** Stores the object, then fails anyway: the client's view of a timeout after S3 already kept the write. */
  public failAfterStoringWhere(predicate: (key: string) => boolean): void {
    this.failAfterStoreWhen = predicate;
  }

  public heal(): void {
    this.failWhen = undefined;
    this.failAfterStoreWhen = undefined;
  }

  public async put(key: string, body: Buffer | (() => Readable), options: PutOptions): Promise<void> {
    if (this.failWhen?.(key) === true)
      throw Object.assign(new Error(`injected failure writing ${key}`), { name: 'InjectedFailure' });
    const chunks: Buffer[] = [];
    if (Buffer.isBuffer(body)) chunks.push(body);
    else for await (const chunk of body()) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    this.objects.set(key, { bytes: Buffer.concat(chunks), contentType: options.contentType });
    this.puts += 1;
    if (this.failAfterStoreWhen?.(key) === true)
      throw Object.assign(new Error(`injected timeout after storing ${key}`), { name: 'TimeoutError' });
  }

  public get(key: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.objects.get(key)?.bytes);
  }

  public exists(key: string): Promise<boolean> {
    return Promise.resolve(this.objects.has(key));
  }

  public keys(prefix: string): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
