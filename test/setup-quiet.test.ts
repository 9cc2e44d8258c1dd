import { isWarningReport } from './setup-quiet';

describe('the quiet-suite console filter', () => {
  const report = (line: string) => `${line} (Annotation)\n   Numbers/FrontDesk constructs.Construct\n\nA copy of this report can be found in: /tmp/x/validation-report.json`;

  test('drops aws-cdk-lib\'s validation report when it holds only warnings', () => {
    expect(isWarningReport([report('WARNING releaseOnDelete is ignored: the adopted number +12175550188 is never released')])).toBe(true);
  });

  test('keeps a report with an error, and every other console.error', () => {
    expect(isWarningReport([report('WARNING a\nERROR E3002 Resource properties are invalid')])).toBe(false);
    expect(isWarningReport(['Something failed'])).toBe(false);
  });
});
