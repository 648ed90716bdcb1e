// Pure: an inline SVG of stacked bars per bucket (posts by label), with a y axis, x labels and a legend; optional overlay line.
import type { PostLabel } from '../posts/post-reader';
import { POST_LABELS } from '../posts/post-reader';
import { countAxis, tickLabel } from './chart-scale';
import { LABEL_COLORS } from './label-colors';
import { escapeXml, px } from './svg-text';

export interface BarBucket {
  readonly label: string;
  readonly counts: Readonly<Record<PostLabel, number>>;
}

export interface OverlayLine {
  readonly name: string;
  /** One value per bucket in [min, max], or null for a gap. */
  readonly values: readonly (number | null)[];
  readonly min: number;
  readonly max: number;
}

export interface StackedBarsOptions {
  readonly title: string;
  readonly width?: number;
  readonly height?: number;
  /** Show every n-th x label (crowded minute axes). */
  readonly labelEvery?: number;
  readonly overlay?: OverlayLine;
}

const M = { top: 34, right: 52, bottom: 46, left: 48 };

export function renderStackedBars(buckets: readonly BarBucket[], options: StackedBarsOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 280;
  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const axis = countAxis(Math.max(0, ...buckets.map((b) => POST_LABELS.reduce((s, l) => s + b.counts[l], 0))));
  const max = axis.top;
  const y = (value: number): number => M.top + plotH - (value / max) * plotH;
  const slot = plotW / Math.max(1, buckets.length);
  const parts: string[] = [
    `<text x="${M.left}" y="18" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const tick of axis.ticks) {
    parts.push(
      `<line x1="${M.left}" x2="${M.left + plotW}" y1="${px(y(tick))}" y2="${px(y(tick))}" stroke="#e0e0e0"/>`,
    );
    parts.push(
      `<text x="${M.left - 6}" y="${px(y(tick) + 4)}" font-size="11" text-anchor="end">${tickLabel(tick)}</text>`,
    );
  }
  buckets.forEach((bucket, i) => {
    const x = M.left + i * slot + slot * 0.15;
    let base = 0;
    for (const label of POST_LABELS) {
      const n = bucket.counts[label];
      if (n <= 0) continue;
      parts.push(
        `<rect x="${px(x)}" y="${px(y(base + n))}" width="${px(slot * 0.7)}" height="${px(y(base) - y(base + n))}" fill="${LABEL_COLORS[label]}"><title>${escapeXml(`${bucket.label} ${label}: ${n}`)}</title></rect>`,
      );
      base += n;
    }
    if (i % (options.labelEvery ?? 1) === 0)
      parts.push(
        `<text x="${px(x + slot * 0.35)}" y="${height - M.bottom + 16}" font-size="11" text-anchor="middle">${escapeXml(bucket.label)}</text>`,
      );
  });
  parts.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#333"/>`);
  if (options.overlay !== undefined)
    parts.push(overlay(options.overlay, { left: M.left, slot, top: M.top, plotW, plotH }));
  parts.push(legend(width, height, options.overlay?.name));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="${escapeXml(options.title)}">${parts.join('')}</svg>`;
}

function overlay(
  line: OverlayLine,
  box: { left: number; slot: number; top: number; plotW: number; plotH: number },
): string {
  const y = (v: number): number => box.top + box.plotH - ((v - line.min) / (line.max - line.min)) * box.plotH;
  const points = line.values.map((v, i) =>
    v === null ? undefined : `${px(box.left + (i + 0.5) * box.slot)},${px(y(v))}`,
  );
  const segments: string[][] = [[]];
  for (const p of points) {
    if (p === undefined) segments.push([]);
    else segments[segments.length - 1]!.push(p);
  }
  const right = box.left + box.plotW;
  const axis = [line.min, (line.min + line.max) / 2, line.max]
    .map((v) => `<text x="${right + 6}" y="${px(y(v) + 4)}" font-size="11" fill="#222">${tickLabel(v)}</text>`)
    .join('');
  const paths = segments
    .filter((s) => s.length > 0)
    .map((s) => `<polyline points="${s.join(' ')}" fill="none" stroke="#222" stroke-width="2"/>`)
    .join('');
  const dots = points
    .filter((p): p is string => p !== undefined)
    .map((p) => {
      const [cx, cy] = p.split(',');
      return `<circle cx="${cx}" cy="${cy}" r="3.5" fill="#222"/>`;
    })
    .join('');
  return `<line x1="${right}" x2="${right}" y1="${box.top}" y2="${box.top + box.plotH}" stroke="#222"/>${axis}${paths}${dots}`;
}

function legend(width: number, height: number, overlayName: string | undefined): string {
  const items = POST_LABELS.map(
    (label, i) =>
      `<rect x="${M.left + i * 100}" y="${height - 16}" width="10" height="10" fill="${LABEL_COLORS[label]}"/><text x="${M.left + i * 100 + 14}" y="${height - 7}" font-size="11">${label}</text>`,
  );
  if (overlayName !== undefined)
    items.push(
      `<line x1="${width - 190}" x2="${width - 172}" y1="${height - 11}" y2="${height - 11}" stroke="#222" stroke-width="2"/><text x="${width - 168}" y="${height - 7}" font-size="11">${escapeXml(overlayName)}</text>`,
    );
  return items.join('');
}
