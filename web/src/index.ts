/**
 * Entry of the bundle: mounts the widget with the settings `gcck web` wrote into `window.GCCK_CHAT`,
 * into the element with id `gcck-chat` if the page has one, else at the end of the body.
 */
import type { WidgetSettings } from './settings';
import { ChatWidget } from './widget';

declare global {
  interface Window {
    GCCK_CHAT?: WidgetSettings;
    gcckChat?: ChatWidget;
  }
}

function mount(): void {
  const settings = window.GCCK_CHAT;
  if (!settings || !settings.apiUrl || !Array.isArray(settings.languages) || settings.languages.length === 0) return;
  const host = document.getElementById('gcck-chat') ?? document.body;
  window.gcckChat = new ChatWidget(settings, host);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
