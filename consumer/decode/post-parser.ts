// Reads a tweet-like JSON object into a Post, or explains which field is wrong.
import { hashtagsIn } from '../../common/hashtag';
import { POST_ID_MAX_BYTES, type Post } from './decoded-record';
import { isObject, readId, readString, readTimestamp, type JsonObject } from './field-readers';

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly detail: string };

/** True when the object looks like a post (it has text) rather than another shape. */
export function looksLikePost(json: JsonObject): boolean {
  return typeof json.text === 'string' || typeof json.full_text === 'string';
}

/** created_at defaults to the record's arrival time when absent; hashtags are taken from the text when not given. */
export function parsePost(json: JsonObject, arrivalTimestampMs: number): ParseResult<Post> {
  const problems: string[] = [];
  const id = readId(json.id_str) ?? readId(json.id);
  if (id === undefined) problems.push('id is missing or not a string/number');
  else if (Buffer.byteLength(id, 'utf8') > POST_ID_MAX_BYTES)
    problems.push(`id is longer than ${POST_ID_MAX_BYTES} bytes (a key is never cut)`);
  const text = readString(json.full_text) ?? readString(json.text) ?? '';
  if (text.trim() === '') problems.push('text is empty');
  const createdAt =
    json.created_at === undefined ? new Date(arrivalTimestampMs).toISOString() : readTimestamp(json.created_at);
  if (createdAt === undefined) problems.push(`created_at is not a date: ${JSON.stringify(json.created_at)}`);
  const lang = readLang(json.lang);
  if (json.lang !== undefined && json.lang !== null && lang === undefined)
    problems.push(`lang is not a language code: ${JSON.stringify(json.lang)}`);
  if (problems.length > 0 || id === undefined || createdAt === undefined)
    return { ok: false, detail: problems.join('; ') };
  const source = readSource(json.source);
  return {
    ok: true,
    value: {
      id,
      text,
      lang,
      createdAt,
      user: readUser(json.user),
      hashtags: readHashtags(json, text),
      ...(source === undefined ? {} : { source }),
    },
  };
}

/** A short lower-case name (the collector's `x`, `instagram`, `sample`, `file`); anything else is ignored, not rejected. */
export function readSource(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z][a-z0-9_-]{0,15}$/.test(value) ? value : undefined;
}

function readLang(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toLowerCase();
  if (code === 'und' || code === '') return undefined;
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(code) ? code : undefined;
}

/** The author as the warehouse's user_name holds it: a plain id, else screen_name, name, id_str or id of a user object. */
export function readUser(value: unknown): string {
  const direct = readId(value);
  if (direct !== undefined) return direct;
  if (isObject(value))
    return readId(value.screen_name) ?? readId(value.name) ?? readId(value.id_str) ?? readId(value.id) ?? '';
  return '';
}

function readHashtags(json: JsonObject, text: string): string[] {
  const given = Array.isArray(json.hashtags)
    ? json.hashtags
    : isObject(json.entities) && Array.isArray(json.entities.hashtags)
      ? json.entities.hashtags
      : undefined;
  const tags =
    given === undefined
      ? hashtagsIn(text)
      : given
          .map((tag: unknown) => (isObject(tag) ? readString(tag.text) : readString(tag)))
          .filter((tag): tag is string => tag !== undefined);
  return [...new Set(tags.map((tag) => tag.replace(/^#/, '')).filter((tag) => tag !== ''))];
}
