// Maps one filtered-stream line ({data, includes.users, matching_rules}) to a CollectedPost, or says why it is not one.
import { normalizeHashtag } from '../../common/hashtag';
import type { CollectedPost } from '../collected-post';
import { parseJsonKeepingBigIntegers, readPostId } from '../../common/safe-json';
import { unescapeXText } from './x-text';

export type XLine =
  | { readonly kind: 'post'; readonly post: CollectedPost }
  /** A post X delivered (and bills) that matched only another application's rules on a shared stream: not ours to keep. */
  | { readonly kind: 'other-rules'; readonly id: string }
  /** A JSON object without `data` (for example an `errors` message before an operational disconnect). */
  | { readonly kind: 'system'; readonly detail: string }
  | { readonly kind: 'malformed'; readonly detail: string };

/** Which `matching_rules` entries are ours: our rule tag, or our rule's id once the rules are synced. */
export interface OurRules {
  readonly tag: string;
  readonly ids?: ReadonlySet<string>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Never throws: a line that is not JSON, or a post without id/text/created_at, is 'malformed'. The id is read without a
 * double (a numeric id above 2^53 keeps every digit). A long post's whole text comes from `note_tweet` (X API v2: posts
 * over 280 characters carry the full text there; `text` holds the first 280). X's `&amp;`, `&lt;`, `&gt;` are unescaped.
 * With `ours`, a post whose `matching_rules` name none of our rules is 'other-rules'.
 */
export function mapXLine(line: string, ours?: OurRules): XLine {
  let json: unknown;
  try {
    json = parseJsonKeepingBigIntegers(line);
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
  const id = readPostId(data);
  const note = isObject(data.note_tweet) ? data.note_tweet : undefined;
  const text = str(note?.text) ?? str(data.text);
  const createdAt = str(data.created_at);
  if (id === undefined || text === undefined || createdAt === undefined)
    return { kind: 'malformed', detail: 'data lacks id, text or created_at' };
  if (ours !== undefined && !matchesOurRules(json.matching_rules, ours)) return { kind: 'other-rules', id };
  const users =
    isObject(json.includes) && Array.isArray(json.includes.users) ? json.includes.users.filter(isObject) : [];
  const author = users.find((user) => user.id === data.author_id);
  const lang = str(data.lang);
  return {
    kind: 'post',
    post: {
      source: 'x',
      id,
      text: unescapeXText(text),
      created_at: createdAt,
      ...(lang === undefined || lang === 'und' ? {} : { lang }),
      user: str(author?.username) ?? '',
      hashtags: hashtagsOf(note) ?? hashtagsOf(data) ?? [],
    },
  };
}

/** `entities.hashtags[].tag` of a post or of its note_tweet, NFC-normalised; undefined when it has no entities. */
function hashtagsOf(holder: Json | undefined): string[] | undefined {
  const entities = isObject(holder?.entities) ? holder.entities : undefined;
  if (entities === undefined || !Array.isArray(entities.hashtags)) return undefined;
  return entities.hashtags
    .map((tag) => (isObject(tag) ? str(tag.tag) : undefined))
    .filter((tag): tag is string => tag !== undefined && tag !== '')
    .map(normalizeHashtag);
}

function matchesOurRules(rules: unknown, ours: OurRules): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some(
    (rule) =>
      isObject(rule) && (rule.tag === ours.tag || (typeof rule.id === 'string' && ours.ids?.has(rule.id) === true)),
  );
}
