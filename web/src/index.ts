/**
 * Entry of the bundle: mounts the widget with the settings `gcck web` wrote into `window.GCCK_CHAT`,
 * into the element with id `gcck-chat` if the page has one, else at the end of the body.
 */
import type { WidgetSettings } from './settings';
import { ChatWidget } from './widget';

/** File name of amazon-connect-chatjs beside the widget (see lib/web/build.ts). */
const CHATJS_FILE = 'gcck-chatjs.js';

declare global {
  interface Window {
    GCCK_CHAT?: WidgetSettings;
    gcckChat?: ChatWidget;
  }
}

// Read while the script runs: afterwards document.currentScript is null.
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

function mount(): void {
  const configured = window.GCCK_CHAT;
  if (!configured || !configured.apiUrl || !Array.isArray(configured.languages) || configured.languages.length === 0) return;
  // chatjs is hosted beside the widget unless the settings say otherwise.
  const settings = { ...configured, chatjsUrl: new URL(configured.chatjsUrl || CHATJS_FILE, scriptSrc).href };
  const host = document.getElementById('gcck-chat') ?? document.body;
  window.gcckChat = new ChatWidget(settings, host);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
