// English negators, intensifiers, contrast words and idioms (VADER's published lists, Hutto & Gilbert 2014) and our discourse rules.
import { boosterMap, type LanguageRules } from './language-rules';

const NEGATORS = [
  'not', 'never', 'none', 'nope', 'nor', 'nothing', 'nowhere', 'neither', 'without', 'rarely', 'seldom', 'despite',
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', 'dont', 'hadnt', 'hasnt', 'havent', 'isnt',
  'mightnt', 'mustnt', 'neednt', 'oughtnt', 'shant', 'shouldnt', 'wasnt', 'werent', 'wont', 'wouldnt', 'uhuh', 'uh-uh',
];

const INTENSIFIERS = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly', 'deeply', 'effing',
  'enormous', 'enormously', 'entirely', 'especially', 'exceptional', 'exceptionally', 'extreme', 'extremely',
  'fabulously', 'flipping', 'flippin', 'frackin', 'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully',
  'fuckin', 'fucking', 'fuggin', 'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly',
  'intensely', 'major', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so',
  'substantially', 'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably',
  'unusually', 'utter', 'utterly', 'very',
];

const DAMPENERS = [
  'almost', 'barely', 'hardly', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginal', 'marginally',
  'occasional', 'occasionally', 'partly', 'scarce', 'scarcely', 'slight', 'slightly', 'somewhat', 'sorta', 'sortof', 'sort-of',
];

/** Ours (issue 13): sentiment words that are degree adverbs before another sentiment word ("pretty bad", "super slow"). */
const DEGREE_WORDS = ['pretty', 'super', 'damn', 'bloody'];

const IDIOMS: ReadonlyArray<readonly [string, number]> = [
  ['the shit', 3], ['the bomb', 3], ['bad ass', 1.5], ['yeah right', -2], ['cut the mustard', 2],
  ['kiss of death', -1.5], ['hand to mouth', -2], ['under the weather', -2], ['break a leg', 2], ['upper hand', 1],
  ['back handed', -2], ['blow smoke', -2], ['blowing smoke', -2], ['in the black', 2], ['in the red', -2], ['on the ball', 2],
  // Ours (issue 13): in "confused the shit out of him" the word is the plain expletive (VADER's "shit", -2.6), not VADER's
  // idiom "the shit" (+3, "you're the shit"), which would otherwise match first.
  ['the shit out of', -2.6],
  // Ours (issue 13): "kill (some) time" is passing time, not killing.
  ...['kill', 'killing', 'killed', 'kills'].flatMap((kill) => [[`${kill} time`, 0], [`${kill} some time`, 0]] as const),
  // Ours (issue 13): "can't wait to / for / till ..." or "can't wait!" is eagerness (VADER's "eager", 1.5), not a negation;
  // "can't wait here all day" is not.
  ...["can't", 'cant', 'cannot'].flatMap((cant) => ['to', 'for', 'till', 'til', 'until', '.'].map((next) => [`${cant} wait ${next}`, 1.5] as const)),
];

/** Ours (issue 13): negators that, before a comparative or superlative, say "nothing was ever more ..." (emphasis). */
const COMPARATIVE_NEGATORS = ['never', 'nothing', 'nobody', 'none', 'no', 'nowhere', 'cannot', 'cant', "can't", 'couldnt', "couldn't"];

export const ENGLISH_RULES: LanguageRules = {
  lang: 'en',
  negators: new Set(NEGATORS),
  nearNegators: new Set(['no']),
  emphaticNegation: [
    { negators: new Set(['never']), markers: new Set(['so', 'this']) },
    // "haven't been this sore in a while": the perfect compares with the past, so "this" makes it emphasis, not negation.
    { negators: new Set(["haven't", "hasn't", "hadn't", 'havent', 'hasnt', 'hadnt']), markers: new Set(['this']) },
  ],
  negationSuffix: "n't",
  boosters: boosterMap([...INTENSIFIERS, ...DEGREE_WORDS], DAMPENERS),
  degreeWords: new Set(DEGREE_WORDS),
  contrast: new Set(['but']),
  clauseJoiners: new Set(['but', 'and', 'or', 'while', 'whereas', 'although', 'though', 'yet']),
  idioms: new Map(IDIOMS),
  notSentiment: new Set(),
  // Chosen from issue 13's listed inputs ("slower bus ride", "the bus is late again"), on the scale of VADER's "delayed" (-0.9).
  // Excitement slang the lexicon lacks takes VADER's "excited" (1.4): "so pumped for", "stoked", "psyched" (dev split).
  supplement: new Map([['slow', -1], ['late', -0.9], ...['pumped', 'stoked', 'psyched', 'hyped'].map((word) => [word, 1.4] as const)]),
  // AFINN-165 rates each -2: x 0.8 on VADER's scale (VADER: "sigh" +0.1, the others absent).
  interjections: new Map([['sigh', -1.6], ['ouch', -1.6], ['oops', -1.6]]),
  comparativeNegation: { negators: new Set(COMPARATIVE_NEGATORS), markers: new Set(['more', 'most']) },
  sarcasm: { interjections: new Set(['oh', 'ohh', 'just', 'gee', 'wow', 'yeah']), markers: new Set(['🙄', '🙃', 'sarcasm']) },
  expectation: {
    frames: new Set(['promised', 'promise', 'promises', 'supposed', 'expected', 'expecting', 'hoped', 'pledged', 'vowed', 'guaranteed']),
    denials: new Set(['nothing', 'never', 'still', 'instead', 'yet', 'none', 'zero', 'nope']),
  },
};
