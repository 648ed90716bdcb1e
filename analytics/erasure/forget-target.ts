// Who or what `forget` erases (a source plus post ids and/or user names), and whether a record's bytes belong to it.
import { createHash } from 'node:crypto';
import { isObject, readId } from '../../consumer/decode/field-readers';
import { readSource, readUser } from '../../consumer/decode/post-parser';

/** Posts of one source: any whose id is in `postIds` or whose author (the warehouse's user_name) is in `users`. */
export interface ForgetTarget {
  /** The post's `source` field as the collector wrote it (`x`, `instagram`, `sample`, `file`). */
  readonly source: string;
  readonly postIds: ReadonlySet<string>;
  readonly users: ReadonlySet<string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * True when `data` is a JSON post of the target. Lenient on purpose: a dead letter whose post was refused for another
 * field (no text, a bad date) still names its source, id and author, and must be found. Never throws.
 */
export function payloadMatches(data: Uint8Array, target: ForgetTarget): boolean {
  const post = leniently(data, target.source);
  if (post === undefined) return false;
  if (post.id !== undefined && target.postIds.has(post.id)) return true;
  return target.users.size > 0 && target.users.has(post.user);
}

/** The id of a JSON post of `source` in `data` (read as leniently as payloadMatches), else undefined. Never throws. */
export function postIdOf(data: Uint8Array, source: string): string | undefined {
  return leniently(data, source)?.id;
}

function leniently(data: Uint8Array, source: string): { id: string | undefined; user: string } | undefined {
  let json: unknown;
  try {
    const text = utf8.decode(data).trim();
    if (!text.startsWith('{')) return undefined;
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(json) || readSource(json.source) !== source) return undefined;
  return { id: readId(json.id_str) ?? readId(json.id), user: readUser(json.user) };
}

/**
 * Strings every matching plain-text archive line must contain: ids and names made only of ASCII letters, digits and
 * `_ . - @` appear verbatim in any JSON text (no producer escapes them), so a line without any of them is skipped
 * unparsed. Undefined when a needle holds another character (a JSON producer may escape it): every line is parsed.
 */
export function targetNeedles(target: ForgetTarget): readonly string[] | undefined {
  const needles = [...target.postIds, ...target.users];
  return needles.every((needle) => /^[A-Za-z0-9_.@-]+$/.test(needle)) ? needles : undefined;
}

/**
 * The target as logs and summaries name it: the source, the kind, and a SHA-256 of each id or name (first 16 hex
 * digits), never the id or name itself, so the erasure log does not keep what it erased.
 */
export function describeTarget(target: ForgetTarget): { source: string; postIds: string[]; users: string[] } {
  const hash = (value: string): string =>
    createHash('sha256').update(`${target.source}\u0000${value}`).digest('hex').slice(0, 16);
  return { source: target.source, postIds: [...target.postIds].map(hash), users: [...target.users].map(hash) };
}
