// Shared building blocks of the kit's Lambda handlers.
export * from './case-number';
export * from './connect-event';
export * from './connect-handler';
export * from './connect-response';
export * from './env';
export * from './lex-event';
export * from './lex-response';
export * from './powertools';
export * from './redact';
export * from './time-budget';
export * from './tracing';
export * from './validation-issues';
