import type { JurisdictionConfig } from '../config/schema';

/** File name of amazon-connect-chatjs, hosted beside the widget and loaded when a chat starts. */
export const CHATJS_FILE = 'gcck-chatjs.js';

/** The widget's languages (the kit's caller languages). */
export type WidgetLanguage = 'en-US' | 'es-US';

/** The settings the widget reads from `window.GCCK_CHAT` (mirrors web/src/settings.ts). */
export interface WidgetSettings {
  readonly apiUrl: string;
  readonly region: string;
  readonly languages: readonly WidgetLanguage[];
  readonly topics: ReadonlyArray<{ readonly id: string; readonly label: Partial<Record<WidgetLanguage, string>> }>;
  readonly strings: Partial<Record<WidgetLanguage, { title?: string; intro?: string }>>;
  /** URL of amazon-connect-chatjs, relative to the widget script (`gcck-chatjs.js` beside it). */
  readonly chatjsUrl: string;
  readonly participantEndpoint?: string;
}

/**
 * The widget settings of a jurisdiction: its languages, topics and texts, and the URL of its
 * deployed chat API. Only what the browser needs: no queue ARNs, no account data.
 *
 * @param apiUrl the `ChatApiUrl` output of the contact-center stack
 * @param participantEndpoint a Participant Service URL to use instead of the regional one (tests)
 */
export function widgetSettings(config: JurisdictionConfig, apiUrl: string, participantEndpoint?: string): WidgetSettings {
  const url = new URL(apiUrl);
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) throw new Error(`the chat API URL must be HTTPS: ${apiUrl}`);
  return {
    apiUrl,
    region: config.region,
    languages: config.languages,
    topics: config.chat.topics.map((topic) => ({ id: topic.id, label: topic.label })),
    strings: config.chat.strings,
    chatjsUrl: CHATJS_FILE,
    ...(participantEndpoint ? { participantEndpoint } : {}),
  };
}

/** The line that hands the settings to the bundle; `<` is escaped so it cannot close a script element. */
export function settingsScript(settings: WidgetSettings): string {
  return `window.GCCK_CHAT=${JSON.stringify(settings).replace(/</g, '\\u003c')};\n`;
}
