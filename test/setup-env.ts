// Unit tests skip aws-cdk-lib's bundled CloudFormation validation (about 2 s per test file);
// test/app/synth.test.ts and the CI synth step keep it on.
process.env.CDK_VALIDATION = 'false';
// Unit tests never run esbuild (about 0.4 s per function and app): the stacks are the same, the
// Lambda assets point at the source folder instead. App reads this variable after its own
// context, so it applies to every App a test builds; test/app/synth.test.ts spawns the real app
// with its own context, which bundles every function as `cdk synth` does.
//
// Nor do they record stack traces in construct metadata: each CloudFormation element's creation
// stack (`aws:cdk:creationStack`) and each annotation's or acknowledgement's trace, which no test
// reads (Annotations assertions match messages). Under jest every trace is 100 frames
// (Error.stackTraceLimit) mapped through source maps: about 1-2 CPU-seconds per file that builds
// the examples. Set here, not only in cdk.json, so unit tests skip them whatever cdk.json says.
process.env.CDK_CONTEXT_JSON = JSON.stringify({
  'aws:cdk:bundling-stacks': [],
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-stack-trace': true,
});
// Errors capture Node's default 10 frames, not jest's 100: aws-cdk-lib records a stack trace with
// every acknowledgement (validation-report.json's `acknowledgedStackTrace`), and under jest each
// of 100 frames was source-mapped, as costly as building the resource. 10 frames still name the
// failing line of a test and what called it.
Error.stackTraceLimit = 10;
// The AWS SDK announces that its releases after January 2027 need Node.js 22 (a notice about
// future upgrades, printed once per jest worker); the lock file pins today's SDK, so tests keep
// quiet about it. README "Quick start" states the Node.js version the kit runs on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The kit's caches (handler bundles, validation outcomes: README "Caches") stay off in unit tests,
// so every test checks what it claims to; test/cache and test/compliance/cached-validation turn
// them on in a folder of their own.
process.env.GCCK_CACHE = 'off';
