// The alert as plain text (SNS e-mail/SMS subscribers, the CLI) and as an SNS subject (ASCII, one line, under 100 characters).
import type { AlertMessage } from './alert-messages';

/** SNS Subject rules: ASCII from a letter, number or punctuation mark, no line breaks, fewer than 100 characters. */
const SUBJECT_MAX = 99;

/** `title` folded to ASCII (accents dropped: "Proporción" -> "Proporcion"; any other character becomes "?"). */
export function alertSubject(message: AlertMessage): string {
  const ascii = message.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  return ascii.slice(0, SUBJECT_MAX);
}

export function alertText(message: AlertMessage): string {
  return [
    message.summary.join(' '),
    ...(message.terms === undefined ? [] : [message.terms]),
    '',
    `${message.linkLabel}: ${message.link}`,
    '',
    `${message.examplesHeading}:`,
    ...message.examples.map((e) => `- ${e.when} ${e.user === null ? '' : `@${e.user} `}${e.text}`),
    '',
    message.footer,
  ].join('\n');
}
