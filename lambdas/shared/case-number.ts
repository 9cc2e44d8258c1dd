/**
 * Case numbers as callers say or type them: "cs-123 4567", "CS1234567", "1234567".
 * The canonical form is upper-case letters followed by digits, nothing else.
 */

/** Canonical case number: up to four letters then 6 to 10 digits. */
export const CASE_NUMBER = /^[A-Z]{0,4}\d{6,10}$/;

/**
 * Normalizes a case number as entered (spaces, dashes, dots and case ignored); returns
 * undefined if what is left is not a valid case number.
 */
export function normalizeCaseNumber(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  const compact = input.toUpperCase().replace(/[\s.\-_/]/g, '');
  return CASE_NUMBER.test(compact) ? compact : undefined;
}
