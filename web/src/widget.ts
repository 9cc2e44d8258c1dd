/**
 * The chat widget: a launcher button and a non-modal chat window, keyboard operable, with a
 * screen-reader log of messages (role="log", announced politely), labelled controls, visible focus,
 * and no client-side timeouts. Texts come from strings.ts, overridden by the jurisdiction config.
 */
import { ChatClient, ChatItem, ChatStartError } from './chat-client';
import type { WidgetSettings } from './settings';
import { Language, STRINGS, Strings } from './strings';
import { WIDGET_CSS } from './style';

type Attrs = Record<string, string | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

/** One line of the transcript, as kept for the download. */
interface TranscriptLine {
  readonly time: string;
  readonly who: string;
  readonly text: string;
}

const ENDED = 'application/vnd.amazonaws.connect.event.chat.ended';

/** The mounted widget. */
export class ChatWidget {
  private language: Language;
  private client?: ChatClient;
  private readonly transcript: TranscriptLine[] = [];
  private readonly seen = new Set<string>();
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly body: HTMLElement;
  private typingTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly settings: WidgetSettings, host: HTMLElement) {
    const requested = (document.documentElement.lang || navigator.language || '').toLowerCase().startsWith('es') ? 'es-US' : settings.languages[0];
    this.language = settings.languages.includes(requested) ? requested : settings.languages[0];
    const style = h('style');
    style.textContent = WIDGET_CSS;
    this.launcher = h('button', { type: 'button', class: 'gcck-launcher', 'aria-expanded': 'false', 'aria-controls': 'gcck-chat-panel' });
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    this.body = h('div', { class: 'gcck-body' });
    this.panel = h('section', { id: 'gcck-chat-panel', class: 'gcck-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'gcck-title', hidden: true });
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    this.root = h('div', { class: 'gcck-chat' }, style, this.launcher, this.panel);
    host.append(this.root);
    this.render();
    performance.mark('gcck-chat-mounted');
  }

  private get t(): Strings {
    const overrides = this.settings.strings[this.language] ?? {};
    return { ...STRINGS[this.language], ...overrides, launcher: overrides.title ?? STRINGS[this.language].launcher };
  }

  /** Opens the window and moves focus into it. */
  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.focusFirst();
  }

  /** Closes the window (the chat goes on) and returns focus to the launcher. */
  close(): void {
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  private focusFirst(): void {
    const target = this.panel.querySelector<HTMLElement>('[data-autofocus]') ?? this.panel.querySelector<HTMLElement>('input, textarea, button');
    target?.focus();
  }

  private header(): HTMLElement {
    const t = this.t;
    const close = h('button', { type: 'button', class: 'gcck-close', 'aria-label': t.close }, '×');
    close.addEventListener('click', () => this.close());
    return h('header', { class: 'gcck-header' }, h('h2', { id: 'gcck-title', lang: this.language }, t.title), close);
  }

  private render(): void {
    this.launcher.textContent = this.t.launcher;
    this.launcher.setAttribute('lang', this.language);
    this.panel.replaceChildren(this.header(), this.body);
    this.panel.setAttribute('lang', this.language);
    this.renderStart();
  }

  private renderStart(error?: string): void {
    const t = this.t;
    const form = h('form', { class: 'gcck-start', novalidate: true });
    if (this.settings.languages.length > 1) {
      const select = h('select', { id: 'gcck-language' }, ...this.settings.languages.map((l) => h('option', { value: l, lang: l, selected: l === this.language }, STRINGS[l].languageName)));
      select.addEventListener('change', () => {
        this.language = select.value as Language;
        this.render();
        this.panel.querySelector<HTMLElement>('#gcck-language')?.focus();
      });
      form.append(h('label', { for: 'gcck-language' }, t.languageLabel), select);
    }
    const name = h('input', { id: 'gcck-name', name: 'displayName', type: 'text', autocomplete: 'name', maxlength: '80', required: true, 'aria-describedby': 'gcck-name-hint', 'data-autofocus': true });
    form.append(h('label', { for: 'gcck-name' }, t.nameLabel), h('p', { id: 'gcck-name-hint', class: 'gcck-hint' }, t.nameHint), name);
    let topic: HTMLSelectElement | undefined;
    if (this.settings.topics.length > 0) {
      topic = h('select', { id: 'gcck-topic' }, ...this.settings.topics.map((tp) => h('option', { value: tp.id }, tp.label[this.language] ?? tp.label['en-US'] ?? tp.id)));
      form.append(h('label', { for: 'gcck-topic' }, t.topicLabel), topic);
    }
    const alert = h('p', { class: 'gcck-error', role: 'alert', id: 'gcck-start-error' }, error ?? '');
    const submit = h('button', { type: 'submit', class: 'gcck-primary' }, t.start);
    form.append(alert, submit);
    if (error) name.setAttribute('aria-describedby', 'gcck-name-hint gcck-start-error');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const displayName = name.value.trim();
      if (!displayName) {
        name.setAttribute('aria-invalid', 'true');
        alert.textContent = t.errors.NAME_REQUIRED;
        name.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t.starting;
      void this.start(displayName, topic?.value);
    });
    this.body.replaceChildren(h('p', { class: 'gcck-intro' }, t.intro), form);
  }

  private async start(displayName: string, topic?: string): Promise<void> {
    performance.mark('gcck-chat-start');
    this.transcript.length = 0;
    this.seen.clear();
    this.renderChat();
    try {
      this.client = await ChatClient.start(
        this.settings,
        { displayName, language: this.language, ...(topic ? { topic } : {}), page: location.pathname.slice(0, 200) },
        {
          onItem: (item) => this.onItem(item),
          onTyping: (item) => this.onTyping(item),
          onEnded: () => this.renderEnded(),
          onConnection: (state) => this.status(state === 'connected' ? this.t.connected : this.t.reconnecting),
        },
      );
      this.status(this.t.connected);
      const input = this.panel.querySelector<HTMLTextAreaElement>('#gcck-message');
      const send = this.panel.querySelector<HTMLButtonElement>('#gcck-send');
      if (input && send) {
        input.disabled = false;
        send.disabled = false;
        input.focus();
      }
      this.panel.querySelector<HTMLButtonElement>('#gcck-end')?.removeAttribute('disabled');
      performance.mark('gcck-chat-ready');
      this.root.dataset.state = 'ready';
    } catch (error) {
      const code = error instanceof ChatStartError ? error.code : 'INTERNAL';
      const errors = this.t.errors as Record<string, string>;
      this.renderStart(errors[code] ?? this.t.errors.INTERNAL);
      this.panel.querySelector<HTMLInputElement>('#gcck-name')?.focus();
    }
  }

  private renderChat(): void {
    const t = this.t;
    // The live region wraps the list: role="log" on the <ol> itself would hide its list semantics.
    const log = h('div', { id: 'gcck-log', class: 'gcck-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.transcriptHeading, tabindex: '0' }, h('ol', { class: 'gcck-list' }));
    const typing = h('p', { id: 'gcck-typing', class: 'gcck-typing', 'aria-live': 'polite' });
    const status = h('p', { id: 'gcck-status', class: 'gcck-status', role: 'status' }, t.starting);
    const input = h('textarea', { id: 'gcck-message', rows: '2', maxlength: '1024', disabled: true });
    const send = h('button', { type: 'submit', id: 'gcck-send', class: 'gcck-primary', disabled: true }, t.send);
    const form = h('form', { class: 'gcck-compose' }, h('label', { for: 'gcck-message' }, t.messageLabel), input, send);
    input.addEventListener('input', () => this.client?.typing());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text || !this.client) return;
      input.value = '';
      this.client.send(text).catch(() => this.status(this.t.reconnecting));
    });
    const end = h('button', { type: 'button', id: 'gcck-end', class: 'gcck-secondary', disabled: true }, t.endChat);
    end.addEventListener('click', () => this.confirmEnd(end));
    this.body.replaceChildren(status, log, typing, form, h('div', { class: 'gcck-actions' }, end));
  }

  private confirmEnd(endButton: HTMLButtonElement): void {
    const t = this.t;
    const yes = h('button', { type: 'button', class: 'gcck-primary', id: 'gcck-end-yes' }, t.confirmEndYes);
    const no = h('button', { type: 'button', class: 'gcck-secondary', id: 'gcck-end-no' }, t.confirmEndNo);
    const box = h('div', { class: 'gcck-confirm', role: 'group', 'aria-labelledby': 'gcck-confirm-text' }, h('p', { id: 'gcck-confirm-text' }, t.confirmEnd), yes, no);
    endButton.hidden = true;
    endButton.after(box);
    yes.focus();
    no.addEventListener('click', () => {
      box.remove();
      endButton.hidden = false;
      endButton.focus();
    });
    yes.addEventListener('click', () => {
      yes.disabled = true;
      (this.client?.end() ?? Promise.resolve()).catch(() => undefined).finally(() => this.renderEnded());
    });
  }

  private status(text: string): void {
    const status = this.panel.querySelector('#gcck-status');
    if (status && status.textContent !== text) status.textContent = text;
  }

  private who(item: ChatItem): string {
    if (item.ParticipantRole === 'CUSTOMER') return this.t.you;
    if (item.ParticipantRole === 'AGENT') return item.DisplayName || this.t.agent;
    return item.DisplayName && item.DisplayName !== 'SYSTEM_MESSAGE' ? item.DisplayName : this.t.system;
  }

  private onItem(item: ChatItem): void {
    if (item.Id && this.seen.has(item.Id)) return;
    if (item.Id) this.seen.add(item.Id);
    if (item.Type === 'EVENT' && item.ContentType === ENDED) {
      this.renderEnded();
      return;
    }
    if (item.Type !== 'MESSAGE' || typeof item.Content !== 'string') return;
    const who = this.who(item);
    const time = item.AbsoluteTime ?? new Date().toISOString();
    this.transcript.push({ time, who, text: item.Content });
    if (item.ParticipantRole === 'AGENT') this.showTyping(false);
    const log = this.panel.querySelector('#gcck-log ol');
    const role = item.ParticipantRole === 'CUSTOMER' ? 'customer' : item.ParticipantRole === 'AGENT' ? 'agent' : 'system';
    log?.append(h('li', { class: `gcck-message gcck-${role}` }, h('span', { class: 'gcck-who' }, `${who}: `), h('span', { class: 'gcck-text' }, item.Content)));
    log?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }

  private onTyping(item: ChatItem): void {
    if (item.ParticipantRole === 'CUSTOMER') return;
    this.showTyping(true);
  }

  private showTyping(on: boolean): void {
    const typing = this.panel.querySelector('#gcck-typing');
    if (!typing) return;
    typing.textContent = on ? this.t.typing : '';
    if (this.typingTimer) clearTimeout(this.typingTimer);
    // Connect sends a typing event every few seconds while the agent types; stop showing it after 12 s of silence.
    if (on) this.typingTimer = setTimeout(() => (typing.textContent = ''), 12_000);
  }

  private renderEnded(): void {
    if (this.root.dataset.state === 'ended') return;
    this.root.dataset.state = 'ended';
    this.client = undefined;
    this.showTyping(false);
    const t = this.t;
    for (const selector of ['#gcck-message', '#gcck-send', '#gcck-end']) this.panel.querySelector<HTMLButtonElement>(selector)?.setAttribute('disabled', '');
    this.panel.querySelector('.gcck-compose')?.remove();
    this.panel.querySelector('.gcck-actions')?.remove();
    this.panel.querySelector('#gcck-typing')?.remove();
    this.status(t.ended);
    const download = h('button', { type: 'button', id: 'gcck-download', class: 'gcck-secondary' }, t.download);
    download.addEventListener('click', () => this.download());
    const again = h('button', { type: 'button', id: 'gcck-new', class: 'gcck-primary' }, t.newChat);
    again.addEventListener('click', () => {
      delete this.root.dataset.state;
      this.renderStart();
      this.focusFirst();
    });
    this.body.append(h('div', { class: 'gcck-actions' }, download, again));
    download.focus();
  }

  /** The transcript as plain text (what the download holds). */
  transcriptText(): string {
    const lines = this.transcript.map((line) => `[${line.time}] ${line.who}: ${line.text}`);
    return `${this.t.transcriptHeading} — ${this.t.title}\n\n${lines.join('\n')}\n`;
  }

  private download(): void {
    const url = URL.createObjectURL(new Blob([this.transcriptText()], { type: 'text/plain;charset=utf-8' }));
    const link = h('a', { href: url, download: 'chat-transcript.txt', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
