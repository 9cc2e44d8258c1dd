/**
 * Web chat: bundle sizes and time to a ready chat, in Debian's Chromium against the local fake of
 * the chat API and Participant Service (test/web). Prints figures; asserts nothing.
 *
 *   npx tsx bench/web-chat.ts     (npm run bench:web)
 *
 * For each of RUNS fresh pages (no HTTP cache: the fake sends no-store):
 * - mounted: navigation start → widget mounted (performance mark `gcck-chat-mounted`);
 * - start→ready: the Start button → chat ready (marks `gcck-chat-start` → `gcck-chat-ready`),
 *   which includes loading chatjs, the chat API call, CreateParticipantConnection and the websocket;
 * - load→ready: navigation start → chat ready, with the form submitted by script as soon as the
 *   widget is mounted (no human typing time).
 */
import { closeChromium, chromiumAvailable, launchChromium } from '../test/web/browser';
import { startFakeSite } from '../test/web/site';
import { bundleWidget, WIDGET_BUDGET_BYTES } from '../lib/web/build';

const RUNS = 10;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const bundle = bundleWidget();
  console.log(`widget gcck-chat.js: ${kb(bundle.minifiedBytes)} minified, ${kb(bundle.gzipBytes)} gzip (budget ${kb(WIDGET_BUDGET_BYTES)} minified: ${bundle.minifiedBytes <= WIDGET_BUDGET_BYTES ? 'OK' : 'FAIL'})`);
  console.log(`chatjs gcck-chatjs.js (loaded when a chat starts): ${kb(bundle.chatjsBytes)} minified, ${kb(bundle.chatjsGzipBytes)} gzip`);
  if (!chromiumAvailable()) {
    console.log('Chromium not found at /usr/bin/chromium: no timing figures');
    return;
  }
  const site = await startFakeSite();
  const launched = await launchChromium();
  const rows: Record<'mounted' | 'startToReady' | 'loadToReady', number[]> = { mounted: [], startToReady: [], loadToReady: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await launched.browser.newPage();
      await page.goto(site.url);
      await page.waitForFunction('performance.getEntriesByName("gcck-chat-mounted").length > 0');
      await page.evaluate(`(() => {
        window.gcckChat.open();
        document.getElementById('gcck-name').value = 'Bench';
        document.querySelector('.gcck-start').requestSubmit();
      })()`);
      await page.waitForFunction('performance.getEntriesByName("gcck-chat-ready").length > 0', undefined, { timeout: 10_000 });
      const marks = await page.evaluate<Record<string, number>>(
        'Object.fromEntries(["gcck-chat-mounted","gcck-chat-start","gcck-chat-ready"].map((n) => [n, performance.getEntriesByName(n)[0].startTime]))',
      );
      rows.mounted.push(marks['gcck-chat-mounted']);
      rows.startToReady.push(marks['gcck-chat-ready'] - marks['gcck-chat-start']);
      rows.loadToReady.push(marks['gcck-chat-ready']);
      await page.close();
    }
  } finally {
    await closeChromium(launched);
    await site.fake.close();
  }
  const line = (name: string, values: number[], budget?: number) =>
    console.log(`${name.padEnd(14)} median ${median(values).toFixed(0).padStart(4)} ms  max ${Math.max(...values).toFixed(0).padStart(4)} ms${budget ? `  (budget ${budget} ms: ${median(values) < budget ? 'OK' : 'FAIL'})` : ''}`);
  console.log(`Chromium, local fake on 127.0.0.1, ${RUNS} fresh pages:`);
  line('mounted', rows.mounted);
  line('start→ready', rows.startToReady);
  line('load→ready', rows.loadToReady, 1000);
}

main().catch((error: Error) => {
  console.log(`bench failed: ${error.message}`);
});
