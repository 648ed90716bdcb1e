// Maps one recent_media item to a CollectedPost: caption as text, Instagram's `+0000` timestamp as given, language detected.
import { hashtagsIn } from '../../common/hashtag';
import type { CollectedPost } from '../collected-post';
import { detectLanguage } from './detect-language';

/** undefined when the item has no id, caption or timestamp (a post without text cannot be scored). */
export function mapInstagramMedia(item: unknown): CollectedPost | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const media = item as Record<string, unknown>;
  const id = typeof media.id === 'string' ? media.id : undefined;
  const caption = typeof media.caption === 'string' ? media.caption : undefined;
  const timestamp = typeof media.timestamp === 'string' ? media.timestamp : undefined;
  if (id === undefined || caption === undefined || caption.trim() === '' || timestamp === undefined) return undefined;
  const lang = detectLanguage(caption);
  return {
    source: 'instagram',
    id,
    text: caption,
    created_at: timestamp,
    ...(lang === undefined ? {} : { lang }),
    // The hashtag search returns no username (Instagram Graph API, IG Hashtag recent_media fields).
    user: '',
    hashtags: [...new Set(hashtagsIn(caption))],
    ...(typeof media.permalink === 'string' ? { permalink: media.permalink } : {}),
  };
}
