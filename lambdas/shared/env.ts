/** A required environment variable is missing or malformed (a deployment error, not a caller's). */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads a required environment variable. Called inside the handler (not at module load) so
 * a missing variable becomes a fallback response the flow can branch on, not a failed init.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') throw new ConfigurationError(`environment variable ${name} is not set`);
  return value;
}

/** Reads an optional whole-number environment variable, with a default. */
export function intEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new ConfigurationError(`environment variable ${name} must be a whole number, got ${JSON.stringify(value)}`);
  return parsed;
}
