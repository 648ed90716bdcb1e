// The mail delivery port: hand over one raw MIME message to its envelope recipients; each transport names itself in messages.

export interface OutgoingMail {
  /** Envelope sender and recipients (the same as the From/To headers here). */
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
  /** Used for file names and logs, e.g. "2026-W47". */
  readonly tag: string;
}

export interface MailTransport {
  /** ses, smtp or outbox: shown in messages and kept in the ledger. */
  readonly name: string;
  /** Resolves with the transport's id for the message (SES MessageId, SMTP response id, .eml path); rejects with a MailSendError. */
  send(mail: OutgoingMail): Promise<string>;
  close(): Promise<void>;
}
