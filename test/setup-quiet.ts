/**
 * Keeps passing suites quiet: aws-cdk-lib prints its validation report with console.error when a
 * synthesis carries warning annotations (cdk.json puts annotations in the report). Tests assert
 * those warnings with `Annotations.fromStack(...).hasWarning`, so the printed copy is noise. A
 * report with an error is not printed under jest (the app runs in memory and throws it), and any
 * other console.error still prints.
 */
const printError = console.error.bind(console);

/** Whether a console.error call is aws-cdk-lib's report of warnings only. */
export function isWarningReport(args: readonly unknown[]): boolean {
  const text = args.map(String).join(' ');
  return text.includes('A copy of this report can be found in:') && !/^\s*ERROR\b/m.test(text);
}

console.error = (...args: unknown[]) => {
  if (!isWarningReport(args)) printError(...args);
};
