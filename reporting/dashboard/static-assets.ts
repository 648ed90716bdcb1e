// The page's static files, served from the package itself (no CDN): uPlot's script and style from node_modules, our client script.
import * as fs from 'node:fs';
import { DASHBOARD_CLIENT_SCRIPT } from './dashboard-client-script';

export interface StaticAsset {
  readonly type: string;
  readonly body: Buffer;
}

let assets: ReadonlyMap<string, StaticAsset> | undefined;

/** The assets by path, read once (uPlot is a dependency: require.resolve finds it in any install). */
export function staticAssets(): ReadonlyMap<string, StaticAsset> {
  assets ??= new Map([
    [
      '/assets/uPlot.iife.min.js',
      {
        type: 'text/javascript; charset=utf-8',
        body: fs.readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js')),
      },
    ],
    [
      '/assets/uPlot.min.css',
      { type: 'text/css; charset=utf-8', body: fs.readFileSync(require.resolve('uplot/dist/uPlot.min.css')) },
    ],
    [
      '/assets/dashboard.js',
      { type: 'text/javascript; charset=utf-8', body: Buffer.from(DASHBOARD_CLIENT_SCRIPT, 'utf8') },
    ],
  ]);
  return assets;
}
