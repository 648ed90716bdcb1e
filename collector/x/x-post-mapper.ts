// Maps one filtered-stream line ({data, includes.users, matching_rules}) to a CollectedPost, or says why it is not one.
import type { CollectedPost } from '../collected-post';

export type XLine =
  | { readonly kind: 'post'; readonly post: CollectedPost }
  /** A JSON object without `data` (for example an `errors` message before an operational disconnect). */
  | { readonly kind: 'system'; readonly detail: string }
  | { readonly kind: 'malformed'; readonly detail: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Never throws: a line that is not JSON, or a tweet without id/text/created_at, is 'malformed'. */
export function mapXLine(line: string): XLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: 'malformed', detail: 'not JSON' };
  }
  if (!isObject(json)) return { kind: 'malformed', detail: 'not a JSON object' };
  if (!isObject(json.data)) {
    const errors = Array.isArray(json.errors)
      ? json.errors.map((e) => (isObject(e) ? (str(e.title) ?? str(e.message)) : undefined)).filter(Boolean)
      : [];
    return { kind: 'system', detail: errors.length > 0 ? errors.join('; ') : 'a message without data' };
  }
  const data = json.data;
  const id = str(data.id);
  const text = str(data.text);
  const createdAt = str(data.created_at);
  if (id === undefined || text === undefined || createdAt === undefined)
    return { kind: 'malformed', detail: 'data lacks id, text or created_at' };
  const users =
    isObject(json.includes) && Array.isArray(json.includes.users) ? json.includes.users.filter(isObject) : [];
  const author = users.find((user) => user.id === data.author_id);
  const entities = isObject(data.entities) ? data.entities : {};
  const hashtags = Array.isArray(entities.hashtags)
    ? entities.hashtags
        .map((tag) => (isObject(tag) ? str(tag.tag) : undefined))
        .filter((tag): tag is string => tag !== undefined && tag !== '')
    : [];
  const lang = str(data.lang);
  return {
    kind: 'post',
    post: {
      source: 'x',
      id,
      text,
      created_at: createdAt,
      ...(lang === undefined || lang === 'und' ? {} : { lang }),
      user: str(author?.username) ?? '',
      hashtags,
    },
  };
}
