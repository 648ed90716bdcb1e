// Local mail delivery: every message becomes one .eml file in a folder (open it with any mail client, or parse it in tests).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MailSendError } from '../reporting-errors';
import type { MailTransport, OutgoingMail } from './mail-transport';

export class OutboxTransport implements MailTransport {
  public readonly name = 'outbox';

  public constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  public async send(mail: OutgoingMail): Promise<string> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const file = path.join(
      this.dir,
      `${stamp}-${mail.tag.replace(/[^A-Za-z0-9_-]/g, '_')}-${crypto.randomBytes(3).toString('hex')}.eml`,
    );
    try {
      await fs.promises.mkdir(this.dir, { recursive: true });
      // Written beside, then renamed: whoever watches the folder never reads half a message.
      await fs.promises.writeFile(`${file}.tmp`, mail.raw, { mode: 0o600 });
      await fs.promises.rename(`${file}.tmp`, file);
    } catch (error: unknown) {
      throw new MailSendError('outbox', `could not write ${file}`, { cause: error });
    }
    return file;
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }
}
