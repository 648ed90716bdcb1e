// One colour per sentiment label, shared by every chart and table (Okabe-Ito colours, distinguishable with colour-blindness).
import type { PostLabel } from '../posts/post-reader';

export const LABEL_COLORS: Readonly<Record<PostLabel, string>> = {
  POSITIVE: '#009E73',
  NEGATIVE: '#D55E00',
  NEUTRAL: '#999999',
  MIXED: '#56B4E9',
  UNSCORED: '#DDDDDD',
};
