// Unit tests skip aws-cdk-lib's bundled CloudFormation validation (about 2 s per test file);
// test/app/validation.test.ts and the CI synth step keep it on.
process.env.CDK_VALIDATION = 'false';
