// Unit tests skip aws-cdk-lib's bundled CloudFormation validation (about 2 s per test file);
// test/app/synth.test.ts and the CI synth step keep it on.
process.env.CDK_VALIDATION = 'false';
// Unit tests never run esbuild (about 0.4 s per function and app): the stacks are the same, the
// Lambda assets point at the source folder instead. App reads this variable after its own
// context, so it applies to every App a test builds; test/app/synth.test.ts spawns the real app
// with its own context, which bundles every function as `cdk synth` does.
process.env.CDK_CONTEXT_JSON = JSON.stringify({ 'aws:cdk:bundling-stacks': [] });
