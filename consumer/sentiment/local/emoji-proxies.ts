// Emoji newer than the Emoji Sentiment Ranking (Unicode 7+: 🙂 🙄 🤦 🤬 🥰 ...), each scored as the ranked emoji closest in use.

/**
 * The Emoji Sentiment Ranking 1.0 (Kralj Novak et al. 2015) was measured on 2013-2015 tweets, before these emoji
 * existed. Rather than invent valences, each is given the published score of one ranked emoji that people use for the
 * same thing (our judgement, listed here so it can be reviewed; `--explain` names the proxy). Emoji whose use is
 * ambiguous or neutral (🤔 🙃 🤷 🥲 🫠 🚧) are deliberately absent: they score 0.
 */
export const EMOJI_PROXIES: ReadonlyMap<string, string> = new Map([
  ['🙂', '☺'], // slightly smiling face -> white smiling face
  ['🙁', '☹'], // slightly frowning face -> white frowning face
  ['🙄', '😒'], // face with rolling eyes -> unamused face
  ['🤦', '😩'], // face palm -> weary face
  ['🤬', '😡'], // face with symbols over mouth -> pouting face
  ['🤮', '😖'], // face vomiting -> confounded face
  ['🤢', '😖'], // nauseated face -> confounded face
  ['🫤', '😕'], // face with diagonal mouth -> confused face
  ['🤒', '😷'], // face with thermometer -> face with medical mask
  ['🤕', '😷'], // face with head-bandage
  ['🤧', '😷'], // sneezing face
  ['🥺', '😢'], // pleading face -> crying face
  ['🤯', '😱'], // shocked face with exploding head -> face screaming in fear
  ['🥰', '😍'], // smiling face with hearts -> heart-shaped eyes
  ['🤩', '😍'], // star-struck
  ['🥳', '🎉'], // partying face -> party popper
  ['🤣', '😂'], // rolling on the floor laughing -> face with tears of joy
  ['🤗', '😊'], // hugging face -> smiling face with smiling eyes
  ['🤞', '🙏'], // crossed fingers -> person with folded hands
  ['🤝', '👍'], // handshake -> thumbs up
  ['🫶', '❤'], // heart hands -> heavy black heart
]);
