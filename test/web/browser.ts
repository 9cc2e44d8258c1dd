import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); Playwright's own browser downloads need the internet. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a browser test can run here; in CI (CI=true) a missing Chromium is an error, never a skip. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`);
  return false;
}

/**
 * Launches the system Chromium headless, offline-friendly, with a fresh profile (Playwright takes
 * the profile folder as `userDataDir` instead of a `--user-data-dir` flag). Close it with {@link closeChromium}.
 */
export async function launchChromium(): Promise<{ browser: BrowserContext; profile: string }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    acceptDownloads: true,
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, profile };
}

/** Closes the browser and removes its profile. */
export async function closeChromium(launched: { browser: BrowserContext; profile: string }): Promise<void> {
  await launched.browser.close();
  fs.rmSync(launched.profile, { recursive: true, force: true });
}
