import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';

/**
 * Runs the cdk-nag NIST 800-53 rev 5 and AWS Solutions packs over every stack of the app
 * as CDK validation plugins: any finding not acknowledged in lib/compliance/acknowledgements.ts
 * fails synthesis, and all findings land in cdk.out's validation report.
 */
export function addNagPacks(app: App): void {
  Validations.of(app).addPlugins(
    new NIST80053R5Checks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
}
