// Renders our SVG charts to PNG with @resvg/resvg-js (a Rust SVG renderer shipped as a prebuilt npm binary): mail clients do not display SVG.
import { Resvg } from '@resvg/resvg-js';

export interface PngOptions {
  /** Output width in pixels (the SVG scales; 2x its own width keeps text sharp on high-density screens). */
  readonly widthPx?: number;
}

/** PNG bytes of `svg`. Text uses the system's fonts (sans-serif falls back to DejaVu Sans, Debian's default). */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const renderer = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: options.widthPx ?? 1520 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
