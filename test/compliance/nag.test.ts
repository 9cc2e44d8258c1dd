import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addNagPacks } from '../../lib/compliance/nag';
import { addExample, kitApp } from '../helpers/examples';

describe('cdk-nag packs', () => {
  test('find no unacknowledged NIST 800-53 rev 5 or AWS Solutions finding in either example', () => {
    // GIVEN both example jurisdictions with the nag packs
    const app = kitApp();
    addExample(app, 'pinecrest-benefits');
    addExample(app, 'riverton-311');
    addNagPacks(app);
    // THEN synthesis succeeds
    expect(() => app.synth()).not.toThrow();
  });

  test('fail synthesis on a finding nobody acknowledged', () => {
    // GIVEN an app with a bucket that breaks several rules
    const app = kitApp();
    const stack = new Stack(app, 'Careless', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    new s3.Bucket(stack, 'Plain');
    addNagPacks(app);
    // THEN synthesis fails and names the rules
    expect(() => app.synth()).toThrow(/NIST.800.53.R5-S3BucketLoggingEnabled[\s\S]*Careless\/Plain\/Resource/);
  });
});
