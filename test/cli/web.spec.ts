import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { main } from '../../lib/cli/main';
import { exampleConfig, EXAMPLES_CONFIG } from '../helpers/examples';
import { embedSnippet, WIDGET_BUDGET_BYTES } from '../../lib/web/build';
import { settingsScript, widgetSettings } from '../../lib/web/settings';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['web', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const API = 'https://abc123.execute-api.us-gov-west-1.amazonaws.com/v1/chat';
const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('gcck web', () => {
  test('writes the configured widget, chatjs, the embed snippet and a demo page, and prints the sizes', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-web-'));
    made.push(out);
    const result = await run('--jurisdiction', 'pinecrest-benefits', '--config', EXAMPLES_CONFIG, '--api-url', API, '--out', out);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['embed-snippet.html', 'gcck-chat.js', 'gcck-chatjs.js', 'index.html']);
    expect(result.out[1]).toMatch(/^widget: \d+\.\d KB minified, \d+\.\d KB gzip \(budget 150\.0 KB minified\)$/);
    const widget = fs.readFileSync(path.join(out, 'gcck-chat.js'), 'utf8');
    expect(Buffer.byteLength(widget)).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
    // The settings line holds what the browser needs and nothing else (no queue ARNs, no account).
    const sandbox: { window: { GCCK_CHAT?: Record<string, unknown> } } = { window: {} };
    vm.runInNewContext(widget.slice(0, widget.indexOf('\n') + 1), sandbox);
    expect(sandbox.window.GCCK_CHAT).toEqual({
      apiUrl: API,
      region: 'us-gov-west-1',
      languages: ['en-US', 'es-US'],
      topics: [
        { id: 'claims', label: { 'en-US': 'A new or pending claim', 'es-US': 'Un reclamo nuevo o pendiente' } },
        { id: 'general', label: { 'en-US': 'Something else', 'es-US': 'Otra consulta' } },
      ],
      strings: { 'en-US': { title: 'Chat with Pinecrest Benefits' }, 'es-US': { title: 'Chatee con Beneficios de Pinecrest' } },
      chatjsUrl: 'gcck-chatjs.js',
    });
    expect(widget).not.toMatch(/111111111111|arn:/);
    expect(fs.readFileSync(path.join(out, 'embed-snippet.html'), 'utf8')).toContain('<script src="/gcck-chat.js" defer></script>');
  });

  test('refuses a jurisdiction whose chat is off, an HTTP API URL and a missing --api-url, with clear messages', async () => {
    expect(await run('--jurisdiction', 'riverton-311', '--config', EXAMPLES_CONFIG, '--api-url', API)).toEqual({
      code: 1,
      out: [],
      err: ['gcck web: riverton-311: chat.enabled is false in its config (turn it on and deploy the chat API first)'],
    });
    const http = await run('--jurisdiction', 'pinecrest-benefits', '--config', EXAMPLES_CONFIG, '--api-url', 'http://abc.example.gov/v1/chat');
    expect(http.code).toBe(2);
    expect(http.err[0]).toMatch(/^gcck web: the chat API URL must be HTTPS: http:\/\/abc\.example\.gov\/v1\/chat\nusage: gcck web/);
    const missing = await run('--jurisdiction', 'pinecrest-benefits', '--config', EXAMPLES_CONFIG);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^gcck web: --api-url is required: the ChatApiUrl output of the pinecrest-benefits-contact-center stack/);
  });
});

describe('widget settings', () => {
  test('cannot close the script element they are written into', () => {
    const config = structuredClone(exampleConfig('pinecrest-benefits'));
    config.chat.strings = { 'en-US': { title: '</script><script>alert(1)</script>' } };
    const line = settingsScript(widgetSettings(config, API));
    expect(line).not.toContain('</script>');
    const sandbox: { window: { GCCK_CHAT?: { strings: Record<string, { title: string }> } } } = { window: {} };
    vm.runInNewContext(line, sandbox);
    expect(sandbox.window.GCCK_CHAT!.strings['en-US'].title).toBe('</script><script>alert(1)</script>');
  });

  test('the embed snippet is one deferred script and its mount point', () => {
    expect(embedSnippet('https://benefits.example.gov/chat/gcck-chat.js').split('\n').slice(1)).toEqual([
      '<div id="gcck-chat"></div>',
      '<script src="https://benefits.example.gov/chat/gcck-chat.js" defer></script>',
      '',
    ]);
  });
});
