import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { buildSync } from 'esbuild';
import { CHATJS_FILE, settingsScript, WidgetSettings } from './settings';

/** The widget's source entry. */
export const WIDGET_ENTRY = path.join(__dirname, '..', '..', 'web', 'src', 'index.ts');
/** The file name of the configured bundle. */
export const WIDGET_FILE = 'gcck-chat.js';
/** The bundle size budget, minified (issue 13). */
export const WIDGET_BUDGET_BYTES = 150 * 1024;

/** The script of amazon-connect-chatjs as its package ships it (already minified). */
export const CHATJS_DIST = require.resolve('amazon-connect-chatjs/dist/amazon-connect-chat.js');

/** A bundled widget and its sizes. */
export interface WidgetBundle {
  /** The minified widget script (without settings). */
  readonly code: string;
  /** Its size in bytes. */
  readonly minifiedBytes: number;
  /** Its gzip size in bytes (level 9, as web servers serve it). */
  readonly gzipBytes: number;
  /** amazon-connect-chatjs, loaded by the widget when a chat starts. */
  readonly chatjs: string;
  /** Its size in bytes. */
  readonly chatjsBytes: number;
  /** Its gzip size in bytes. */
  readonly chatjsGzipBytes: number;
}

/**
 * Bundles web/src into one minified IIFE script (esbuild, ES2020, browsers), and reads chatjs,
 * which the widget loads only when a citizen starts a chat.
 */
export function bundleWidget(): WidgetBundle {
  const result = buildSync({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const chatjs = fs.readFileSync(CHATJS_DIST, 'utf8');
  return {
    code,
    minifiedBytes: Buffer.byteLength(code),
    gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
    chatjs,
    chatjsBytes: Buffer.byteLength(chatjs),
    chatjsGzipBytes: zlib.gzipSync(chatjs, { level: 9 }).length,
  };
}

/** The configured bundle: the settings line, then the widget. */
export function configuredBundle(bundle: WidgetBundle, settings: WidgetSettings): string {
  return settingsScript(settings) + bundle.code;
}

/** The snippet an agency pastes into its pages: one script element, loaded without blocking. */
export function embedSnippet(scriptUrl: string): string {
  return [
    '<!-- Web chat (gov-contact-center-kit). Host gcck-chat.js and gcck-chatjs.js together on this site, over HTTPS, on an origin listed in chat.allowedOrigins. -->',
    '<div id="gcck-chat"></div>',
    `<script src="${scriptUrl}" defer></script>`,
    '',
  ].join('\n');
}

/** A demo page that loads the widget, for trying it on the agency's own site. */
export function demoPage(title: string, language: string, scriptUrl: string): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html>
<html lang="${escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
</head>
<body>
<header><h1>${escape(title)}</h1></header>
<main>
<p lang="en">This page shows the web chat widget. Press Tab to reach the chat button, or use the button at the bottom right.</p>
<p lang="es">Esta página muestra el chat. Use la tecla Tab para llegar al botón del chat.</p>
</main>
${embedSnippet(scriptUrl)}</body>
</html>
`;
}

/** Writes the configured bundle, chatjs, the embed snippet and the demo page to `outDir`; returns the paths written. */
export function writeWidget(outDir: string, bundle: WidgetBundle, settings: WidgetSettings, title: string, language: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [
    [WIDGET_FILE, configuredBundle(bundle, settings)],
    [CHATJS_FILE, bundle.chatjs],
    ['embed-snippet.html', embedSnippet(`/${WIDGET_FILE}`)],
    ['index.html', demoPage(title, language, WIDGET_FILE)],
  ];
  return files.map(([name, content]) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, content);
    return file;
  });
}
