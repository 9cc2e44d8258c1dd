import { crossCheck } from '../../lib/config/cross-checks';
import { loadJurisdictions } from '../../lib/config/loader';
import { jurisdictionSchema } from '../../lib/config/schema';
import * as fs from 'fs';
import * as path from 'path';
import { configValues } from '../../lib/flows/context';
import { FLOW_TEXT_LANGUAGES, FLOW_TEXT_NAMES } from '../../lib/flows/texts';
import { EXAMPLES_CONFIG_DIR } from '../helpers/example-paths';

const FILE = 'config/jurisdictions/pinecrest-benefits.yaml';

type Mutable = Record<string, any>;

/** A fresh, mutable copy of the validated bilingual Pinecrest example. */
function pinecrest(): Mutable {
  const [config] = loadJurisdictions({ configDir: EXAMPLES_CONFIG_DIR, only: ['pinecrest-benefits'] }).configs;
  return structuredClone(config) as Mutable;
}

/** The schema's messages for `flows.texts`, as `path: message`. */
function schemaProblems(texts: unknown): string[] {
  const result = jurisdictionSchema.safeParse({ ...pinecrest(), flows: { texts } });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('flows.texts (texts the default flows speak, from config)', () => {
  test('without overrides, flows get the kit texts with the display name filled in', () => {
    const values = configValues(pinecrest() as never);
    expect(values['text.greeting.en-US']).toBe('Thank you for calling Pinecrest State Department of Benefits. Your call may be recorded and reviewed to improve our service.');
    expect(values['text.menu.es-US']).toMatch(/^¿En qué le puedo ayudar hoy\?/);
  });

  test('an override replaces the kit text in each language, and may name {displayName}', () => {
    const config = pinecrest();
    config.flows.texts = { greeting: { 'en-US': 'Welcome to the {displayName} DMV.', 'es-US': 'Bienvenido al DMV de {displayName}.' } };
    expect(crossCheck(FILE, config).problems).toEqual([]);
    const values = configValues(config as never);
    expect(values['text.greeting.en-US']).toBe('Welcome to the Pinecrest State Department of Benefits DMV.');
    expect(values['text.greeting.es-US']).toBe('Bienvenido al DMV de Pinecrest State Department of Benefits.');
    expect(values['text.closed.en-US']).toMatch(/^Our offices are closed right now/);
  });

  test('rejects an override that lacks a caller language of the jurisdiction', () => {
    const config = pinecrest();
    config.flows.texts = { closed: { 'en-US': 'We are closed.' } };
    expect(crossCheck(FILE, config).problems).toEqual([`${FILE}: flows.texts.closed: has no text for caller language "es-US" listed in languages[1] (add a "es-US" entry)`]);
  });

  test('rejects a text name the default flows do not have', () => {
    expect(schemaProblems({ goodbye: { 'en-US': 'Bye.' } })).toEqual(['flows.texts: Unrecognized key: "goodbye"']);
  });

  test('rejects SSML and texts longer than a Lex prompt takes (1,000 characters)', () => {
    expect(schemaProblems({ menu: { 'en-US': '<speak>Hi</speak>', 'es-US': 'x'.repeat(1001) } })).toEqual([
      'flows.texts.menu.en-US: must be plain text, not SSML or markup (the flows speak it as Text)',
      'flows.texts.menu.es-US: Too big: expected string to have <=1000 characters',
    ]);
  });

  test('every replaceable text is spoken by a kit flow in each language, and the kit flows name no other', () => {
    const folder = path.join(__dirname, '..', '..', 'contact-flows');
    const named = new Set<string>();
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json'))) {
      for (const match of fs.readFileSync(path.join(folder, file), 'utf8').matchAll(/\$\{config:text\.([A-Za-z]+\.[a-zA-Z-]+)\}/g)) named.add(match[1]);
    }
    const replaceable = FLOW_TEXT_NAMES.flatMap((name) => FLOW_TEXT_LANGUAGES.map((language) => `${name}.${language}`));
    expect([...named].sort()).toEqual([...replaceable].sort());
    expect(FLOW_TEXT_NAMES).toEqual(['greeting', 'closed', 'menu', 'chatGreeting', 'chatClosed', 'chatMenu', 'hold', 'queueWait', 'surveyIntro', 'chatSurveyIntro', 'surveyThanks']);
  });
});
