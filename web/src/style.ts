/**
 * The widget's styles, scoped under .gcck-chat. Colours meet WCAG 2.1 AA contrast (text 4.5:1,
 * controls and focus 3:1) on white: #1b1b1b text, #005ea2 buttons with white text (7.1:1),
 * #71767a secondary borders, a 3 px #0050d8 focus outline.
 */
export const WIDGET_CSS = `
.gcck-chat{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b}
.gcck-chat *{box-sizing:border-box}
.gcck-chat :focus-visible{outline:3px solid #0050d8;outline-offset:2px}
.gcck-launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;background:#005ea2;color:#fff;border:0;border-radius:2rem;padding:.75rem 1.25rem;font:inherit;font-weight:700;cursor:pointer}
.gcck-panel{position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(24rem,calc(100vw - 2rem));max-height:calc(100vh - 6rem);display:flex;flex-direction:column;background:#fff;border:1px solid #71767a;border-radius:.5rem;box-shadow:0 4px 16px rgba(0,0,0,.25)}
.gcck-panel[hidden]{display:none}
.gcck-header{display:flex;align-items:center;justify-content:space-between;padding:.5rem .75rem;background:#162e51;color:#fff;border-radius:.5rem .5rem 0 0}
.gcck-header h2{font-size:1.125rem;margin:0}
.gcck-close{background:transparent;color:#fff;border:2px solid transparent;font-size:1.5rem;line-height:1;min-width:44px;min-height:44px;cursor:pointer}
.gcck-body{padding:.75rem;overflow:auto;display:flex;flex-direction:column;gap:.5rem}
.gcck-body label{font-weight:700;display:block;margin-top:.5rem}
.gcck-body input,.gcck-body select,.gcck-body textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #565c65;border-radius:.25rem;color:#1b1b1b;background:#fff}
.gcck-hint{margin:0;color:#454545;font-size:.875rem}
.gcck-primary,.gcck-secondary{font:inherit;min-height:44px;padding:.5rem 1rem;border-radius:.25rem;cursor:pointer;margin-top:.5rem;margin-right:.5rem}
.gcck-primary{background:#005ea2;color:#fff;border:2px solid #005ea2}
.gcck-secondary{background:#fff;color:#005ea2;border:2px solid #005ea2}
.gcck-primary:disabled,.gcck-secondary:disabled{background:#dfe1e2;color:#454545;border-color:#71767a;cursor:not-allowed}
.gcck-error{color:#b50909;margin:.25rem 0;min-height:0}
.gcck-error:empty{display:none}
.gcck-list{list-style:none;margin:0;padding:0}
.gcck-log{margin:0;padding:.25rem;max-height:18rem;overflow:auto;border:1px solid #dfe1e2;border-radius:.25rem}
.gcck-message{margin:.25rem 0;padding:.375rem .5rem;border-radius:.25rem}
.gcck-customer{background:#e7f2f8}
.gcck-agent{background:#f0f0f0}
.gcck-system{background:#fff;font-style:italic}
.gcck-who{font-weight:700}
.gcck-typing,.gcck-status{margin:0;color:#454545;min-height:1.5em}
`;
