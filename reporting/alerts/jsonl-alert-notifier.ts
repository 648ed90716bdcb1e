// Local notification channel: appends each alert as one JSON line to a file (default .local/alerts.jsonl).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotifyError } from '../reporting-errors';
import type { AlertNotifier } from './alert-notifier';
import type { NegativeAlert } from './burst-alert';

export class JsonlAlertNotifier implements AlertNotifier {
  public readonly name = 'jsonl';

  public constructor(private readonly file: string) {}

  public async notify(alert: NegativeAlert): Promise<void> {
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      // One write of one line with O_APPEND: concurrent alerters never interleave inside a line.
      await fs.promises.appendFile(this.file, `${JSON.stringify(alert)}\n`, { mode: 0o600 });
    } catch (error: unknown) {
      throw new NotifyError(`jsonl (${this.file})`, { cause: error });
    }
  }
}
