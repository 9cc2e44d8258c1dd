// Shared building blocks of the kit's Lambda handlers. The Lex ones (lex-event, lex-handler,
// lex-response) are imported from their own files: no Connect handler needs them in its bundle.
export * from './case-number';
export * from './connect-event';
export * from './connect-handler';
export * from './connect-response';
export * from './env';
export * from './powertools';
export * from './redact';
export * from './time-budget';
export * from './tracing';
export * from './validation-issues';
