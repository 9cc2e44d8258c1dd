import * as path from 'path';
import { Command, parseArgs, UsageError } from './command';
import { loadJurisdictions } from '../config/loader';
import { bundleWidget, WIDGET_BUDGET_BYTES, writeWidget } from '../web/build';
import { widgetSettings } from '../web/settings';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * `gcck web`: bundles the chat widget configured for one jurisdiction (languages, topics, texts,
 * the deployed chat API URL) and writes it with an embed snippet and a demo page, for the agency
 * to host on its own HTTPS site (CloudFront is not available in GovCloud).
 */
export const webCommand: Command = {
  name: 'web',
  summary: 'write the configured web chat widget, its embed snippet and a demo page',
  usage: 'gcck web --jurisdiction ID --api-url URL [--out DIR] [--config DIR]   (URL: the ChatApiUrl stack output; default --out web-dist/<ID>)',
  async run(args, io) {
    const { options } = parseArgs(args, { jurisdiction: 'string', 'api-url': 'string', out: 'string', config: 'string', 'participant-endpoint': 'string' });
    const id = options.jurisdiction;
    if (typeof id !== 'string' || id === '') throw new UsageError('--jurisdiction is required');
    const apiUrl = options['api-url'];
    if (typeof apiUrl !== 'string' || apiUrl === '') {
      throw new UsageError(`--api-url is required: the ChatApiUrl output of the ${id}-contact-center stack (after cdk deploy)`);
    }
    const { configs } = loadJurisdictions({ configDir: String(options.config ?? 'config'), only: [id] });
    const config = configs[0];
    if (!config.chat.enabled) throw new Error(`${id}: chat.enabled is false in its config (turn it on and deploy the chat API first)`);
    let settings;
    try {
      settings = widgetSettings(config, apiUrl, typeof options['participant-endpoint'] === 'string' ? options['participant-endpoint'] : undefined);
    } catch (error) {
      throw new UsageError(error instanceof TypeError ? `--api-url is not a URL: ${apiUrl}` : (error as Error).message);
    }
    const bundle = bundleWidget();
    const out = String(options.out ?? path.join('web-dist', id));
    const title = config.chat.strings[config.languages[0]]?.title ?? config.displayName;
    const files = writeWidget(out, bundle, settings, title, config.languages[0]);
    io.out(`wrote ${files.map((f) => f.split(path.sep).join('/')).join(', ')}`);
    io.out(`widget: ${kb(bundle.minifiedBytes)} minified, ${kb(bundle.gzipBytes)} gzip (budget ${kb(WIDGET_BUDGET_BYTES)} minified)`);
    io.out(`chatjs (loaded when a chat starts): ${kb(bundle.chatjsBytes)} minified, ${kb(bundle.chatjsGzipBytes)} gzip`);
    return 0;
  },
};
