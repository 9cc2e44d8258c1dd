/** The file beside the templates that records every NIST 800-53 rev 5 rule evaluation (written by bin/app.ts, read by `gcck audit`). */
export const NAG_RESULTS_FILE = 'nag-nist-800-53-r5-results.json';
