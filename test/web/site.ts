import { loadJurisdictions } from '../../lib/config/loader';
import { bundleWidget, configuredBundle, demoPage, WIDGET_FILE } from '../../lib/web/build';
import { CHATJS_FILE, widgetSettings } from '../../lib/web/settings';
import { FakeConnect } from './fake-connect';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

/**
 * Starts the fake chat API and Participant Service serving the demo page with the Pinecrest
 * widget, configured exactly as `gcck web` configures it but pointed at the fake.
 */
export async function startFakeSite(): Promise<{ fake: FakeConnect; url: string; bundleBytes: number }> {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['pinecrest-benefits'] }).configs;
  const bundle = bundleWidget();
  const files = new Map<string, { type: string; body: string }>();
  const fake = new FakeConnect(files);
  const url = await fake.listen();
  const settings = widgetSettings(config, `${url}/v1/chat`, url);
  files.set(`/${WIDGET_FILE}`, { type: 'text/javascript; charset=utf-8', body: configuredBundle(bundle, settings) });
  files.set(`/${CHATJS_FILE}`, { type: 'text/javascript; charset=utf-8', body: bundle.chatjs });
  files.set('/index.html', { type: 'text/html; charset=utf-8', body: demoPage('Pinecrest Benefits', 'es', WIDGET_FILE) });
  return { fake, url, bundleBytes: bundle.minifiedBytes };
}
