/**
 * The seam between the widget and amazon-connect-chatjs: starts a chat through the kit's chat API,
 * then joins it with a chatjs customer session. Only what the widget uses is typed here (chatjs
 * ships global typings that do not describe the `endpoint` override its config accepts).
 *
 * chatjs (about 300 KB minified, with the Participant Service client) is not in the widget's
 * bundle: it is loaded from `settings.chatjsUrl` when a citizen starts a chat, so a page with the
 * widget costs its visitors a small script until someone actually chats.
 */
import type { WidgetSettings } from './settings';

/** A message or event as chatjs delivers it (`event.data`). */
export interface ChatItem {
  readonly Id?: string;
  readonly Type?: string;
  readonly ContentType?: string;
  readonly Content?: string;
  readonly ParticipantRole?: 'AGENT' | 'CUSTOMER' | 'SYSTEM' | 'CUSTOM_BOT' | string;
  readonly DisplayName?: string;
  readonly AbsoluteTime?: string;
}

interface ChatEvent {
  readonly data: ChatItem;
}

interface CustomerSession {
  connect(): Promise<unknown>;
  onMessage(handler: (event: ChatEvent) => void): void;
  onTyping(handler: (event: ChatEvent) => void): void;
  onEnded(handler: (event: unknown) => void): void;
  onConnectionBroken(handler: (event: unknown) => void): void;
  onConnectionEstablished(handler: (event: unknown) => void): void;
  sendMessage(args: { contentType: string; message: string }): Promise<unknown>;
  sendEvent(args: { contentType: string }): Promise<unknown>;
  disconnectParticipant(): Promise<unknown>;
}

interface ChatJsGlobal {
  ChatSession: {
    setGlobalConfig(config: Record<string, unknown>): void;
    create(args: Record<string, unknown>): CustomerSession;
  };
}

let chatJsLoading: Promise<ChatJsGlobal> | undefined;

/** Loads amazon-connect-chatjs once (a script element, so the page's CSP can allow it by origin). */
export function loadChatJs(url: string): Promise<ChatJsGlobal> {
  const loaded = () => (globalThis as unknown as { connect?: ChatJsGlobal }).connect;
  const ready = loaded();
  if (ready?.ChatSession) return Promise.resolve(ready);
  chatJsLoading ??= new Promise<ChatJsGlobal>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => {
      const chatjs = loaded();
      if (chatjs?.ChatSession) resolve(chatjs);
      else reject(new ChatStartError('UNAVAILABLE'));
    };
    script.onerror = () => {
      chatJsLoading = undefined;
      script.remove();
      reject(new ChatStartError('NETWORK'));
    };
    document.head.append(script);
  });
  return chatJsLoading;
}

/** A failure the widget explains to the citizen (the API's error code, or NETWORK). */
export class ChatStartError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** What the widget sends to start a chat. */
export interface StartChatInput {
  readonly displayName: string;
  readonly language: string;
  readonly topic?: string;
  readonly page?: string;
}

/** Typing events are sent at most this often, as Connect's own widget does. */
const TYPING_INTERVAL_MS = 10_000;
const TYPING = 'application/vnd.amazonaws.connect.event.typing';

/** Handlers for what happens in a chat. */
export interface ChatHandlers {
  onItem(item: ChatItem): void;
  onTyping(item: ChatItem): void;
  onEnded(): void;
  onConnection(state: 'connected' | 'reconnecting'): void;
}

/** One citizen's chat. */
export class ChatClient {
  private lastTypingSent = 0;

  private constructor(private readonly session: CustomerSession) {}

  /** Starts a chat through the chat API and joins it. Throws {@link ChatStartError}. */
  static async start(settings: WidgetSettings, input: StartChatInput, handlers: ChatHandlers): Promise<ChatClient> {
    let response: Response;
    try {
      response = await fetch(settings.apiUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'omit',
      });
    } catch {
      throw new ChatStartError('NETWORK');
    }
    const body = (await response.json().catch(() => ({}))) as { contactId?: string; participantId?: string; participantToken?: string; error?: string };
    if (!response.ok || !body.participantToken || !body.participantId || !body.contactId) throw new ChatStartError(body.error ?? 'INTERNAL');

    const chatjs = await loadChatJs(settings.chatjsUrl);
    chatjs.ChatSession.setGlobalConfig({
      region: settings.region,
      ...(settings.participantEndpoint ? { endpoint: settings.participantEndpoint } : {}),
      loggerConfig: { useDefaultLogger: false },
      features: { messageReceipts: { shouldSendMessageReceipts: false } },
    });
    const session = chatjs.ChatSession.create({
      chatDetails: { contactId: body.contactId, participantId: body.participantId, participantToken: body.participantToken },
      options: { region: settings.region },
      type: 'CUSTOMER',
      // Client-side metrics would send usage data to AWS from the citizen's browser.
      disableCSM: true,
    });
    session.onMessage((event) => handlers.onItem(event.data));
    session.onTyping((event) => handlers.onTyping(event.data));
    session.onEnded(() => handlers.onEnded());
    session.onConnectionBroken(() => handlers.onConnection('reconnecting'));
    session.onConnectionEstablished(() => handlers.onConnection('connected'));
    try {
      await session.connect();
    } catch {
      throw new ChatStartError('UNAVAILABLE');
    }
    return new ChatClient(session);
  }

  /** Sends a text message. */
  async send(text: string): Promise<void> {
    await this.session.sendMessage({ contentType: 'text/plain', message: text });
  }

  /** Tells the agent the citizen is typing (at most every 10 s). */
  typing(): void {
    const now = Date.now();
    if (now - this.lastTypingSent < TYPING_INTERVAL_MS) return;
    this.lastTypingSent = now;
    this.session.sendEvent({ contentType: TYPING }).catch(() => undefined);
  }

  /** Leaves the chat. */
  async end(): Promise<void> {
    await this.session.disconnectParticipant();
  }
}
