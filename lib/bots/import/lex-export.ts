import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { LEX_LOCALES } from '../../config/known-values';
import { BOT_JSON_SCHEMA_PATH } from '../json-schema';
import { parseBotDefinition } from '../loader';
import { BotDefinition, FALLBACK_INTENT_NAME, LexLocale } from '../schema';

/**
 * Converts an unzipped Amazon Lex V2 bot export ("JSON format for importing and exporting
 * bots in Lex V2", Lex V2 Developer Guide) into the kit's bot definition:
 *
 * ```
 * <export-dir>/manifest.json
 * <export-dir>/<BotName>/Bot.json
 * <export-dir>/<BotName>/BotLocales/<locale>/BotLocale.json
 * <export-dir>/<BotName>/BotLocales/<locale>/Intents/<intent>/Intent.json
 * <export-dir>/<BotName>/BotLocales/<locale>/Intents/<intent>/Slots/<slot>/Slot.json
 * <export-dir>/<BotName>/BotLocales/<locale>/SlotTypes/<type>/SlotType.json
 * ```
 *
 * Intents, slots and slot types of the same name in several locales are merged into one
 * entry with text per locale. Whatever the kit's definition cannot express (message
 * variations, SSML, conditional branches, next steps, contexts, composite and grammar slot
 * types, ...) is left out and reported, one line per setting.
 */

type Json = Record<string, unknown>;

/** What {@link importLexExport} produced. */
export interface LexImport {
  /** The bot definition name (the output file name without .yaml). */
  readonly name: string;
  /** The definition as plain data (validated against the bot schema). */
  readonly definition: BotDefinition;
  /** The YAML text to write to `config/bots/<name>.yaml`. */
  readonly yaml: string;
  /** Everything not carried over: `<export file>: <key path>: <what> (<why>)`. */
  readonly notCarried: readonly string[];
}

/** The export could not be read or converted. */
export class LexImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LexImportError';
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True if a value says anything (not null, empty, or an object of nothing). */
function meaningful(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(meaningful);
  if (isObject(value)) return Object.values(value).some(meaningful);
  return true;
}

/** Case-insensitive lookup of a file or folder in `dir`. */
function entry(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const found = fs.readdirSync(dir).find((f) => f.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : path.join(dir, found);
}

function subfolders(dir: string | undefined): string[] {
  if (dir === undefined || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dir, d.name))
    .sort();
}

/** A bot name as the kit writes it: `CitizenServices_Bot` becomes `citizen-services-bot`. */
export function kebabName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 49)
    .replace(/-+$/, '');
}

/** Lex API resolution strategy names (`OriginalValue`) and CloudFormation ones (`ORIGINAL_VALUE`), to the kit's. */
const RESOLUTION: Readonly<Record<string, 'ORIGINAL_VALUE' | 'TOP_RESOLUTION'>> = {
  originalvalue: 'ORIGINAL_VALUE',
  original_value: 'ORIGINAL_VALUE',
  topresolution: 'TOP_RESOLUTION',
  top_resolution: 'TOP_RESOLUTION',
};

class Importer {
  readonly notCarried: string[] = [];
  private readonly root: string;

  constructor(private readonly exportDir: string) {
    this.root = exportDir;
  }

  /** The file as shown in the report: relative to the export folder. */
  private shown(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  drop(file: string, keyPath: string, why: string): void {
    this.notCarried.push(`${this.shown(file)}: ${keyPath}: ${why}`);
  }

  read(file: string): Json {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new LexImportError(`${this.shown(file)}: cannot be read as JSON (${(e as Error).message.split('\n')[0]})`);
    }
    if (!isObject(data)) throw new LexImportError(`${this.shown(file)}: expected a JSON object`);
    return data;
  }

  /** Reports every meaningful key of `obj` the importer does not handle. */
  rest(file: string, obj: Json, handled: readonly string[], at = ''): void {
    for (const [key, value] of Object.entries(obj)) {
      if (handled.includes(key) || !meaningful(value)) continue;
      this.drop(file, `${at}${key}`, 'not carried over (the kit\'s bot definition has no equivalent)');
    }
  }

  /** The plain text of a message group list; extra groups, variations and non-text messages are reported. */
  text(file: string, spec: unknown, at: string): string | undefined {
    if (!isObject(spec)) return undefined;
    const groups = (spec.messageGroupsList ?? spec.messageGroupList ?? spec.messageGroups) as unknown;
    if (!Array.isArray(groups) || groups.length === 0) return undefined;
    if (groups.length > 1) this.drop(file, `${at}.messageGroupsList[1..]`, `${groups.length - 1} more message group(s) not carried over (the kit speaks one message)`);
    const group = groups[0] as Json;
    if (meaningful(group.variations)) this.drop(file, `${at}.messageGroupsList[0].variations`, 'message variations not carried over (the kit speaks one message)');
    const message = isObject(group.message) ? group.message : {};
    const plain = isObject(message.plainTextMessage) ? message.plainTextMessage.value : undefined;
    if (typeof plain === 'string' && plain.trim() !== '') return plain.trim();
    const ssml = isObject(message.ssmlMessage) ? message.ssmlMessage.value : undefined;
    if (typeof ssml === 'string') {
      this.drop(file, `${at}.messageGroupsList[0].message.ssmlMessage`, 'SSML markup not carried over (converted to plain text)');
      return ssml
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/\s+([,.;:!?])/g, '$1')
        .trim();
    }
    this.drop(file, `${at}.messageGroupsList[0].message`, 'custom payload or response card not carried over (the kit speaks plain text)');
    return undefined;
  }

  run(nameOverride?: string): LexImport {
    const manifestFile = entry(this.exportDir, 'manifest.json');
    let botDir: string | undefined = entry(this.exportDir, 'Bot.json') ? this.exportDir : undefined;
    if (!botDir) botDir = subfolders(this.exportDir).find((d) => entry(d, 'Bot.json') || entry(d, 'BotLocales'));
    if (!botDir) {
      throw new LexImportError(
        `${this.exportDir}: not an unzipped Lex V2 export (expected manifest.json and <BotName>/Bot.json with <BotName>/BotLocales/<locale>/BotLocale.json)`,
      );
    }
    if (manifestFile) {
      const manifest = this.read(manifestFile);
      const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
      if (metadata.fileFormat !== undefined && metadata.fileFormat !== 'LexJson') {
        throw new LexImportError(`${this.shown(manifestFile)}: metadata.fileFormat is ${JSON.stringify(metadata.fileFormat)} (only LexJson exports can be imported)`);
      }
    }

    const botFile = entry(botDir, 'Bot.json');
    const bot = botFile ? this.read(botFile) : {};
    if (botFile) {
      this.rest(botFile, bot, ['name', 'identifier', 'version', 'description', 'dataPrivacy', 'idleSessionTTLInSeconds', 'botType', 'errorLogSettings']);
      if (isObject(bot.dataPrivacy) && bot.dataPrivacy.childDirected === true) {
        this.drop(botFile, 'dataPrivacy.childDirected', 'true not carried over (the kit declares its bots not directed to children under 13)');
      }
      if (isObject(bot.errorLogSettings) && bot.errorLogSettings.enabled === true) this.drop(botFile, 'errorLogSettings', 'error logs not carried over');
      if (typeof bot.botType === 'string' && bot.botType !== 'Bot') this.drop(botFile, 'botType', `${bot.botType} not carried over (the kit builds plain bots)`);
    }
    const botName = typeof bot.name === 'string' ? bot.name : path.basename(botDir);
    const name = nameOverride ?? kebabName(botName);

    const localesDir = entry(botDir, 'BotLocales');
    const localeDirs = subfolders(localesDir);
    if (localeDirs.length === 0) throw new LexImportError(`${this.shown(botDir)}: has no BotLocales/<locale> folder`);

    const locales: Json = {};
    const intents = new Map<string, MergedIntent>();
    const slotTypes = new Map<string, MergedSlotType>();
    const fallback: { codeHook: { dialog: boolean; fulfillment: boolean }; closing?: Json } = { codeHook: { dialog: false, fulfillment: false } };

    for (const localeDir of localeDirs) {
      const localeFile = entry(localeDir, 'BotLocale.json');
      const settings = localeFile ? this.read(localeFile) : {};
      const locale = String(settings.identifier ?? settings.localeId ?? path.basename(localeDir)) as LexLocale;
      if (!(LEX_LOCALES as readonly string[]).includes(locale)) {
        this.drop(localeDir, '(locale)', `locale ${locale} not carried over (the kit knows ${LEX_LOCALES.join(', ')})`);
        continue;
      }
      if (localeFile) {
        this.rest(localeFile, settings, ['name', 'identifier', 'localeId', 'version', 'description', 'voiceSettings', 'nluConfidenceThreshold', 'speechDetectionSensitivity']);
        if (typeof settings.speechDetectionSensitivity === 'string' && settings.speechDetectionSensitivity !== 'Default') {
          this.drop(localeFile, 'speechDetectionSensitivity', `${settings.speechDetectionSensitivity} not carried over (the kit uses Default)`);
        }
      }
      const voice = isObject(settings.voiceSettings) ? settings.voiceSettings : {};
      if (typeof voice.engine === 'string' && !['neural', 'standard'].includes(voice.engine)) {
        this.drop(localeFile ?? localeDir, 'voiceSettings.engine', `${voice.engine} not carried over (the kit uses neural or standard; neural written)`);
      }
      locales[locale] = {
        ...(typeof settings.description === 'string' && settings.description !== '' ? { description: settings.description.slice(0, 200) } : {}),
        voice: {
          id: typeof voice.voiceId === 'string' ? voice.voiceId : locale.startsWith('es') ? 'Lupe' : 'Joanna',
          engine: voice.engine === 'standard' ? 'standard' : 'neural',
        },
        nluConfidenceThreshold: typeof settings.nluConfidenceThreshold === 'number' ? settings.nluConfidenceThreshold : 0.4,
      };
      if (typeof voice.voiceId !== 'string') this.drop(localeFile ?? localeDir, 'voiceSettings', `no voice in the export; ${(locales[locale] as Json & { voice: Json }).voice.id} written (a voice bot needs one)`);

      for (const typeDir of subfolders(entry(localeDir, 'SlotTypes'))) {
        const file = entry(typeDir, 'SlotType.json');
        if (file) this.slotType(file, locale, slotTypes);
      }
      for (const intentDir of subfolders(entry(localeDir, 'Intents'))) {
        const file = entry(intentDir, 'Intent.json');
        if (file) this.intent(file, intentDir, locale, intents, fallback);
      }
    }

    const localeList = Object.keys(locales) as LexLocale[];
    if (localeList.length === 0) throw new LexImportError(`${this.shown(botDir)}: no locale could be imported`);
    const droppedTypes = new Set([...slotTypes.values()].filter((t) => t.dropped).map((t) => t.name));

    const definition: Json = {
      name,
      ...(typeof bot.description === 'string' && bot.description !== '' ? { description: bot.description.slice(0, 200) } : {}),
      idleSessionTtlSeconds: typeof bot.idleSessionTTLInSeconds === 'number' ? bot.idleSessionTTLInSeconds : 300,
      locales,
      slotTypes: [...slotTypes.values()].filter((t) => !t.dropped).map((t) => t.render(localeList)),
      intents: [...intents.values()].map((i) => i.render(this, droppedTypes)),
      fallback: { codeHook: fallback.codeHook, ...(fallback.closing ? { closing: fallback.closing } : {}) },
    };
    if ((definition.slotTypes as unknown[]).length === 0) delete definition.slotTypes;

    const parsed = parseBotDefinition(definition, `${name}.yaml`);
    if (!parsed.definition) {
      throw new LexImportError(`the converted definition does not match the bot schema:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
    }
    const header =
      `# yaml-language-server: $schema=./${path.basename(BOT_JSON_SCHEMA_PATH)}\n` +
      `#\n# Imported from the Lex V2 export of bot ${botName} by \`gcck import-bot\`.\n` +
      (this.notCarried.length > 0 ? `# ${this.notCarried.length} setting(s) of the export were not carried over (see the import report).\n` : '') +
      '\n';
    return { name, definition: parsed.definition, yaml: header + stringify(definition, { lineWidth: 0 }), notCarried: this.notCarried };
  }

  private slotType(file: string, locale: LexLocale, types: Map<string, MergedSlotType>): void {
    const json = this.read(file);
    const name = String(json.name ?? path.basename(path.dirname(file)));
    let type = types.get(name);
    if (!type) {
      type = new MergedSlotType(name);
      types.set(name, type);
    }
    for (const key of ['compositeSlotTypeSetting', 'externalSourceSetting']) {
      if (!meaningful(json[key])) continue;
      this.drop(file, key, `${key === 'compositeSlotTypeSetting' ? 'composite' : 'grammar'} slot type ${name} not carried over; slots of type ${name} are left out`);
      type.dropped = true;
      return;
    }
    this.rest(file, json, ['name', 'identifier', 'version', 'description', 'slotTypeValues', 'valueSelectionSetting', 'parentSlotTypeSignature', 'valueSelectionStrategy']);
    if (typeof json.description === 'string' && json.description !== '') type.description ??= json.description.slice(0, 200);
    const selection = isObject(json.valueSelectionSetting) ? json.valueSelectionSetting : {};
    this.rest(file, selection, ['resolutionStrategy', 'regexFilter', 'advancedRecognitionSetting'], 'valueSelectionSetting.');
    if (isObject(selection.advancedRecognitionSetting) && meaningful(selection.advancedRecognitionSetting.audioRecognitionStrategy)) {
      this.drop(file, 'valueSelectionSetting.advancedRecognitionSetting', 'slot values as custom vocabulary not carried over');
    }
    const strategy = String(selection.resolutionStrategy ?? json.valueSelectionStrategy ?? 'ORIGINAL_VALUE').toLowerCase();
    const resolution = RESOLUTION[strategy];
    if (!resolution) this.drop(file, 'valueSelectionSetting.resolutionStrategy', `${String(selection.resolutionStrategy)} not carried over (the kit offers ORIGINAL_VALUE and TOP_RESOLUTION; ORIGINAL_VALUE written)`);
    type.resolution ??= resolution ?? 'ORIGINAL_VALUE';
    const parent = json.parentSlotTypeSignature;
    if (typeof parent === 'string' && parent !== '') {
      const pattern = isObject(selection.regexFilter) ? selection.regexFilter.pattern : undefined;
      if (parent === 'AMAZON.AlphaNumeric' && typeof pattern === 'string') {
        type.extendsType = parent;
        type.pattern = pattern;
      } else {
        this.drop(file, 'parentSlotTypeSignature', `slot type extending ${parent} not carried over (the kit extends AMAZON.AlphaNumeric with a pattern only); slots of type ${name} are left out`);
        type.dropped = true;
      }
      return;
    }
    const values = Array.isArray(json.slotTypeValues) ? (json.slotTypeValues as Json[]) : [];
    for (const value of values) {
      const sample = isObject(value.sampleValue) ? value.sampleValue.value : undefined;
      if (typeof sample !== 'string' || sample.trim() === '') continue;
      const synonyms = Array.isArray(value.synonyms) ? (value.synonyms as Json[]).map((s) => s.value).filter((s): s is string => typeof s === 'string') : [];
      type.add(sample.trim(), locale, synonyms);
    }
  }

  private intent(file: string, intentDir: string, locale: LexLocale, intents: Map<string, MergedIntent>, fallback: { codeHook: { dialog: boolean; fulfillment: boolean }; closing?: Json }): void {
    const json = this.read(file);
    const name = String(json.name ?? path.basename(intentDir));
    const parent = json.parentIntentSignature;
    if (typeof parent === 'string' && parent !== '' && parent !== 'AMAZON.FallbackIntent') {
      this.drop(file, 'parentIntentSignature', `built-in intent ${parent} not carried over (intent ${name} left out)`);
      return;
    }
    this.rest(file, json, [
      'name',
      'identifier',
      'version',
      'displayName',
      'description',
      'parentIntentSignature',
      'sampleUtterances',
      'dialogCodeHook',
      'fulfillmentCodeHook',
      'intentConfirmationSetting',
      'intentClosingSetting',
      'slotPriorities',
    ]);
    const dialog = isObject(json.dialogCodeHook) && json.dialogCodeHook.enabled === true;
    const fulfillmentHook = isObject(json.fulfillmentCodeHook) ? json.fulfillmentCodeHook : {};
    const fulfillment = fulfillmentHook.enabled === true;
    this.rest(file, fulfillmentHook, ['enabled', 'isActive', 'active'], 'fulfillmentCodeHook.');
    const closingSetting = isObject(json.intentClosingSetting) ? json.intentClosingSetting : {};
    this.rest(file, closingSetting, ['closingResponse', 'isActive', 'active'], 'intentClosingSetting.');
    const closing = this.text(file, closingSetting.closingResponse, 'intentClosingSetting.closingResponse');

    if (parent === 'AMAZON.FallbackIntent' || name === FALLBACK_INTENT_NAME) {
      fallback.codeHook.dialog ||= dialog;
      fallback.codeHook.fulfillment ||= fulfillment;
      if (closing !== undefined) fallback.closing = { ...fallback.closing, [locale]: closing };
      return;
    }
    let intent = intents.get(name);
    if (!intent) {
      intent = new MergedIntent(name);
      intents.set(name, intent);
    }
    if (typeof json.description === 'string' && json.description !== '') intent.description ??= json.description.slice(0, 200);
    if (intent.codeHook !== undefined && (intent.codeHook.dialog !== dialog || intent.codeHook.fulfillment !== fulfillment)) {
      this.drop(file, 'dialogCodeHook/fulfillmentCodeHook', `code hook settings differ from another locale; the kit uses one setting per intent (enabled where any locale enables it)`);
    }
    intent.codeHook = { dialog: dialog || (intent.codeHook?.dialog ?? false), fulfillment: fulfillment || (intent.codeHook?.fulfillment ?? false) };
    const utterances = Array.isArray(json.sampleUtterances)
      ? (json.sampleUtterances as Json[]).map((u) => u.utterance).filter((u): u is string => typeof u === 'string' && u.trim() !== '')
      : [];
    intent.utterances[locale] = utterances.map((u) => u.trim());
    intent.files[locale] = file;
    if (closing !== undefined) intent.closing[locale] = closing;

    const confirmation = isObject(json.intentConfirmationSetting) ? json.intentConfirmationSetting : undefined;
    if (confirmation && meaningful(confirmation) && confirmation.active !== false && confirmation.isActive !== false) {
      this.rest(file, confirmation, ['promptSpecification', 'confirmationPrompt', 'declinationResponse', 'isActive', 'active'], 'intentConfirmationSetting.');
      const prompt = this.text(file, confirmation.promptSpecification ?? confirmation.confirmationPrompt, 'intentConfirmationSetting.promptSpecification');
      const declined = this.text(file, confirmation.declinationResponse, 'intentConfirmationSetting.declinationResponse');
      const spec = (confirmation.promptSpecification ?? confirmation.confirmationPrompt) as Json | undefined;
      if (prompt !== undefined && declined !== undefined) {
        intent.confirmation.prompt[locale] = prompt;
        intent.confirmation.declined[locale] = declined;
        if (typeof spec?.maxRetries === 'number') intent.confirmation.maxRetries = spec.maxRetries;
      } else if (prompt !== undefined || declined !== undefined) {
        this.drop(file, 'intentConfirmationSetting', 'confirmation without both a prompt and a declination response not carried over');
      }
    }

    const order = Array.isArray(json.slotPriorities)
      ? [...(json.slotPriorities as Json[])].sort((a, b) => Number(a.priority) - Number(b.priority)).map((p) => String(p.slotName))
      : [];
    const slotDirs = subfolders(entry(intentDir, 'Slots'));
    const slotFiles = slotDirs.map((d) => entry(d, 'Slot.json')).filter((f): f is string => f !== undefined);
    const byName = new Map<string, { file: string; json: Json }>();
    for (const slotFile of slotFiles) {
      const slotJson = this.read(slotFile);
      byName.set(String(slotJson.name ?? path.basename(path.dirname(slotFile))), { file: slotFile, json: slotJson });
    }
    const names = [...order.filter((n) => byName.has(n)), ...[...byName.keys()].filter((n) => !order.includes(n)).sort()];
    for (const slotName of names) this.slot(byName.get(slotName)!.file, byName.get(slotName)!.json, slotName, locale, intent);
  }

  private slot(file: string, json: Json, name: string, locale: LexLocale, intent: MergedIntent): void {
    this.rest(file, json, ['name', 'identifier', 'version', 'description', 'slotTypeName', 'valueElicitationSetting', 'slotValueElicitationSetting', 'slotConstraint', 'obfuscationSetting', 'multipleValuesSetting']);
    const elicitation = (isObject(json.valueElicitationSetting) ? json.valueElicitationSetting : isObject(json.slotValueElicitationSetting) ? json.slotValueElicitationSetting : {}) as Json;
    this.rest(file, elicitation, ['slotConstraint', 'promptSpecification'], 'valueElicitationSetting.');
    const spec = isObject(elicitation.promptSpecification) ? elicitation.promptSpecification : {};
    this.rest(file, spec, ['messageGroupsList', 'messageGroupList', 'maxRetries', 'allowInterrupt', 'messageSelectionStrategy'], 'valueElicitationSetting.promptSpecification.');
    if (isObject(json.multipleValuesSetting) && json.multipleValuesSetting.allowMultipleValues === true) {
      this.drop(file, 'multipleValuesSetting', 'multiple values not carried over');
    }
    const prompt = this.text(file, spec, 'valueElicitationSetting.promptSpecification');
    const constraint = elicitation.slotConstraint ?? json.slotConstraint;
    const required = constraint !== 'Optional';
    const obfuscate = isObject(json.obfuscationSetting) && json.obfuscationSetting.obfuscationSettingType === 'DefaultObfuscation';
    const type = String(json.slotTypeName ?? '');
    let slot = intent.slots.get(name);
    if (!slot) {
      slot = {
        name,
        ...(typeof json.description === 'string' && json.description !== '' ? { description: json.description.slice(0, 200) } : {}),
        type,
        required,
        obfuscate,
        maxRetries: typeof spec.maxRetries === 'number' ? spec.maxRetries : 2,
        prompt: {},
        file,
      };
      intent.slots.set(name, slot);
    } else {
      if (slot.type !== type) this.drop(file, 'slotTypeName', `${type} differs from ${slot.type} in another locale; ${slot.type} kept`);
      if (slot.required !== required) this.drop(file, 'slotConstraint', `${String(constraint)} differs from another locale; ${slot.required ? 'Required' : 'Optional'} kept`);
      slot.obfuscate ||= obfuscate;
    }
    if (prompt !== undefined) slot.prompt[locale] = prompt;
  }
}

interface MergedSlot {
  name: string;
  description?: string;
  type: string;
  required: boolean;
  obfuscate: boolean;
  maxRetries: number;
  prompt: Partial<Record<LexLocale, string>>;
  file: string;
}

class MergedIntent {
  description?: string;
  codeHook?: { dialog: boolean; fulfillment: boolean };
  /** The Intent.json of each locale, for the report. */
  readonly files: Partial<Record<LexLocale, string>> = {};
  readonly utterances: Partial<Record<LexLocale, string[]>> = {};
  readonly closing: Partial<Record<LexLocale, string>> = {};
  readonly slots = new Map<string, MergedSlot>();
  readonly confirmation: { prompt: Partial<Record<LexLocale, string>>; declined: Partial<Record<LexLocale, string>>; maxRetries: number } = { prompt: {}, declined: {}, maxRetries: 2 };

  constructor(readonly name: string) {}

  render(importer: Importer, droppedTypes: ReadonlySet<string>): Json {
    const kept: MergedSlot[] = [];
    const dropped: string[] = [];
    for (const slot of this.slots.values()) {
      if (droppedTypes.has(slot.type)) {
        importer.drop(slot.file, 'slotTypeName', `slot ${slot.name} of intent ${this.name} left out (its slot type ${slot.type} was not carried over)`);
        dropped.push(slot.name);
      } else {
        kept.push(slot);
      }
    }
    const utterances: Partial<Record<LexLocale, string[]>> = {};
    for (const [locale, list] of Object.entries(this.utterances) as [LexLocale, string[]][]) {
      utterances[locale] = list.filter((u) => {
        const uses = dropped.find((slot) => u.includes(`{${slot}}`));
        if (uses) importer.drop(this.files[locale] ?? this.slots.get(uses)!.file, 'sampleUtterances', `"${u}" left out: it names slot {${uses}}, which was left out`);
        return uses === undefined;
      });
    }
    const hasConfirmation = Object.keys(this.confirmation.prompt).length > 0;
    return {
      name: this.name,
      ...(this.description ? { description: this.description } : {}),
      ...(this.codeHook && (this.codeHook.dialog || this.codeHook.fulfillment) ? { codeHook: this.codeHook } : {}),
      ...(kept.length > 0
        ? {
            slots: kept.map((s) => ({
              name: s.name,
              ...(s.description ? { description: s.description } : {}),
              type: s.type,
              required: s.required,
              ...(s.obfuscate ? { obfuscate: true } : {}),
              maxRetries: s.maxRetries,
              ...(Object.keys(s.prompt).length > 0 ? { prompt: s.prompt } : {}),
            })),
          }
        : {}),
      utterances,
      ...(hasConfirmation ? { confirmation: this.confirmation } : {}),
      ...(Object.keys(this.closing).length > 0 ? { closing: this.closing } : {}),
    };
  }
}

class MergedSlotType {
  description?: string;
  resolution?: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION';
  extendsType?: string;
  pattern?: string;
  dropped = false;
  private readonly values = new Map<string, { value: string; locales: Set<LexLocale>; synonyms: Partial<Record<LexLocale, string[]>> }>();

  constructor(readonly name: string) {}

  add(value: string, locale: LexLocale, synonyms: readonly string[]): void {
    const key = value.toLowerCase();
    let entry = this.values.get(key);
    if (!entry) {
      entry = { value, locales: new Set(), synonyms: {} };
      this.values.set(key, entry);
    }
    entry.locales.add(locale);
    if (synonyms.length > 0) entry.synonyms[locale] = [...(entry.synonyms[locale] ?? []), ...synonyms];
  }

  render(allLocales: readonly LexLocale[]): Json {
    if (this.extendsType) {
      return { name: this.name, ...(this.description ? { description: this.description } : {}), extends: this.extendsType, pattern: this.pattern };
    }
    return {
      name: this.name,
      ...(this.description ? { description: this.description } : {}),
      resolution: this.resolution ?? 'ORIGINAL_VALUE',
      values: [...this.values.values()].map((v) => ({
        value: v.value,
        ...(Object.keys(v.synonyms).length > 0 ? { synonyms: v.synonyms } : {}),
        ...(allLocales.every((l) => v.locales.has(l)) ? {} : { locales: allLocales.filter((l) => v.locales.has(l)) }),
      })),
    };
  }
}

/**
 * Converts the unzipped Lex V2 export in `exportDir` into a bot definition.
 * @param name the bot definition name (the output file name without .yaml)
 *   @default - the exported bot's name in kebab case
 * @throws LexImportError if the folder is not an export or the result is not a valid definition
 */
export function importLexExport(exportDir: string, name?: string): LexImport {
  return new Importer(exportDir).run(name);
}
