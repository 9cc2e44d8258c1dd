/**
 * The web chat widget in a real browser (Debian's Chromium through playwright-core) against a
 * local fake of the chat API and the Amazon Connect Participant Service: a Spanish conversation
 * with the mouse, the same conversation with the keyboard only, and axe-core scans of every state.
 * Screenshots go to test/output/ (git-ignored). One browser launch for the whole file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, closeChromium, launchChromium } from './browser';
import type { FakeConnect } from './fake-connect';
import { startFakeSite } from './site';

const OUTPUT = path.join(__dirname, '..', 'output');
const AXE = require.resolve('axe-core/axe.min.js');
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Page functions are written as strings: this file is type-checked without the DOM library.
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });
}

/** The survey the post-contact-survey flow runs on a chat once the agent leaves (A-11 question, 1 to 5). */
const SURVEY_QUESTION = 'Antes de irse: ¿qué tan satisfecho está con el servicio de hoy? Responda con un número del 1 al 5.';

/** The agent's part of the conversation, after the citizen's first message. */
async function agentAnswersAndRunsSurvey(page: Page, fake: FakeConnect): Promise<void> {
  await fake.customerMessageCount(1);
  fake.agentTyping();
  await page.getByText('El agente está escribiendo…').waitFor();
  fake.agentSays('Hola María, su reclamo está en revisión. ¿Algo más?');
  await page.locator('#gcck-log li', { hasText: 'su reclamo está en revisión' }).waitFor();
  // The agent's message clears the typing indicator.
  expect(await page.textContent('#gcck-typing')).toBe('');
  fake.agentLeaves();
  fake.systemSays(SURVEY_QUESTION);
  await page.locator('#gcck-log li', { hasText: 'Responda con un número del 1 al 5' }).waitFor();
}

describeInBrowser('web chat widget in Chromium', () => {
  let launched: Awaited<ReturnType<typeof launchChromium>>;
  let site: Awaited<ReturnType<typeof startFakeSite>>;

  beforeAll(async () => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    // The browser starts while esbuild bundles the widget: neither needs the other.
    const browser = launchChromium();
    try {
      site = await startFakeSite();
    } finally {
      launched = await browser;
    }
  });
  afterAll(async () => {
    if (launched) await closeChromium(launched);
    if (site) await site.fake.close();
  });

  test('runs a Spanish conversation: start, message, typing, agent reply, a survey question answered in the chat, end, transcript download; axe finds no serious or critical violation', async () => {
    const { fake, url } = site;
    const page = await launched.browser.newPage();
    const violations: Record<string, AxeViolation[]> = {};
    await page.goto(url);

    // The page is in Spanish, so the widget is too.
    await page.getByRole('button', { name: 'Chatee con Beneficios de Pinecrest' }).click();
    await expect(page.getByRole('dialog', { name: 'Chatee con Beneficios de Pinecrest' }).isVisible()).resolves.toBe(true);
    // chatjs is loaded only when a chat starts.
    expect(await page.evaluate<string>('typeof window.connect')).toBe('undefined');
    await page.getByLabel('Su nombre').fill('María Ortega');
    await page.getByLabel('¿Sobre qué es su pregunta?').selectOption('claims');
    violations.start = await seriousViolations(page);
    await shot(page, 'web-chat-1-start');
    await page.getByRole('button', { name: 'Iniciar chat' }).click();
    await page.waitForSelector('.gcck-chat[data-state=ready]', { state: 'attached' });
    expect(fake.startRequests.at(-1)).toEqual({ origin: url, body: { displayName: 'María Ortega', language: 'es-US', topic: 'claims', page: '/' } });
    expect(await page.textContent('#gcck-status')).toBe('Conectado.');

    await page.getByLabel('Escriba su mensaje').fill('Hola, ¿cómo va mi reclamo?');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await agentAnswersAndRunsSurvey(page, fake);
    violations.chat = await seriousViolations(page);
    await shot(page, 'web-chat-2-conversation');

    await page.getByLabel('Escriba su mensaje').fill('5');
    await page.keyboard.press('Enter');
    await fake.customerMessageCount(2);
    expect(fake.customerMessages).toEqual(['Hola, ¿cómo va mi reclamo?', '5']);
    fake.systemSays('Gracias por su respuesta.');
    fake.endChat();
    await page.getByText('El chat ha terminado.').waitFor();
    violations.ended = await seriousViolations(page);
    await shot(page, 'web-chat-3-ended');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar la transcripción' }).click()]);
    const transcript = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe('chat-transcript.txt');
    expect(transcript).toMatch(/Usted: Hola, ¿cómo va mi reclamo\?/);
    expect(transcript).toMatch(/Agente Rosa: Hola María, su reclamo está en revisión/);
    expect(transcript).toMatch(/Sistema: Antes de irse/);
    expect(transcript).toMatch(/Usted: 5\n/);
    // The citizen typed, so chatjs sent typing events to the Participant Service.
    expect(fake.customerEvents).toContain('application/vnd.amazonaws.connect.event.typing');
    fs.writeFileSync(path.join(OUTPUT, 'web-chat-axe.json'), JSON.stringify(violations, null, 2));
    expect(violations).toEqual({ start: [], chat: [], ended: [] });
    await page.close();
  });

  test('reconnects after the websocket drops (a new CreateParticipantConnection) and keeps receiving messages', async () => {
    const { fake, url } = site;
    const page = await launched.browser.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Chatee con Beneficios de Pinecrest' }).click();
    await page.getByLabel('Su nombre').fill('María Ortega');
    await page.getByRole('button', { name: 'Iniciar chat' }).click();
    await page.waitForSelector('.gcck-chat[data-state=ready]', { state: 'attached' });
    const connections = fake.calls.filter((c) => c === '/participant/connection').length;

    fake.dropConnections();
    // chatjs asks the Participant Service for a new connection and subscribes again.
    for (let i = 0; i < 100 && fake.calls.filter((c) => c === '/participant/connection').length === connections; i++) await page.waitForTimeout(100);
    expect(fake.calls.filter((c) => c === '/participant/connection').length).toBe(connections + 1);
    // chatjs raised no connection-broken event for this quick reconnect: the widget still says connected.
    expect(await page.textContent('#gcck-status')).toBe('Conectado.');
    fake.agentSays('¿Sigue ahí?');
    await page.locator('#gcck-log li', { hasText: '¿Sigue ahí?' }).waitFor();
    await page.close();
  });

  test('completes the same conversation with the keyboard only, then ends a second chat with the End chat button', async () => {
    const { fake, url } = site;
    const page = await launched.browser.newPage();
    await page.goto(url);
    const focused = () => page.evaluate<string>("document.activeElement ? document.activeElement.id || document.activeElement.className : ''");

    // Tab reaches the launcher; Enter opens the window and puts focus on the first field.
    for (let i = 0; i < 10 && (await focused()) !== 'gcck-launcher'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('gcck-launcher');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('gcck-name');
    await page.keyboard.type('María Ortega');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('gcck-topic');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.gcck-chat[data-state=ready]', { state: 'attached' });
    // Focus moves to the message field when the chat is ready.
    expect(await focused()).toBe('gcck-message');
    await page.keyboard.type('Hola, ¿cómo va mi reclamo?');
    await page.keyboard.press('Enter');
    await agentAnswersAndRunsSurvey(page, fake);
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await fake.customerMessageCount(2);
    fake.endChat();
    await page.getByText('El chat ha terminado.').waitFor();
    // Focus lands on the transcript download; Tab reaches "Start a new chat".
    expect(await focused()).toBe('gcck-download');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('gcck-new');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('gcck-name');
    await page.keyboard.type('María Ortega');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.gcck-chat[data-state=ready]', { state: 'attached' });
    // Tab from the message field reaches Send, then End chat.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('gcck-end');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('gcck-end-yes');
    await page.keyboard.press('Enter');
    await page.getByText('El chat ha terminado.').waitFor();
    expect(fake.disconnected).toBe(true);
    await shot(page, 'web-chat-4-keyboard-ended');
    // Escape closes the window and returns focus to the launcher.
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('gcck-launcher');
    await page.close();
  });
});
