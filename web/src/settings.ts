import type { Language } from './strings';

/** One topic a citizen can pick, with its label per language. */
export interface TopicSetting {
  readonly id: string;
  readonly label: Partial<Record<Language, string>>;
}

/**
 * What the widget needs to know, written by `gcck web` from the jurisdiction config into
 * `window.GCCK_CHAT` ahead of the bundle (see lib/web/settings.ts).
 */
export interface WidgetSettings {
  /** URL of the start-chat method (the `ChatApiUrl` stack output). */
  readonly apiUrl: string;
  /** AWS Region of the Amazon Connect instance. */
  readonly region: string;
  /** Languages offered, the first is the default. */
  readonly languages: readonly Language[];
  /** Topics offered (none: no topic question). */
  readonly topics: readonly TopicSetting[];
  /** Per-language overrides of the title and intro. */
  readonly strings: Partial<Record<Language, { title?: string; intro?: string }>>;
  /** URL of amazon-connect-chatjs (`gcck-chatjs.js`, hosted beside the widget), loaded when a chat starts. */
  readonly chatjsUrl: string;
  /**
   * Base URL of the Amazon Connect Participant Service.
   * @default - the regional endpoint chatjs picks (participant.connect.<region>.amazonaws.com)
   */
  readonly participantEndpoint?: string;
}
