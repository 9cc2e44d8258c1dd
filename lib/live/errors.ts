/**
 * A failure of a live command: printed as one line, exit 1, no stack trace. Kept apart from the
 * SDK-using modules so that the CLI can name it without loading the AWS SDK at start-up.
 */
export class LiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveError';
  }
}
