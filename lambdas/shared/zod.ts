/**
 * The handlers' schema library: zod/mini, the tree-shakable build of zod 4 (about 18 KB in a
 * bundle against 89 KB for `zod`, and a third of its load time; see bench/lambda.ts). Same core,
 * same issues (so `describeIssues` reads them alike), functional API: `z.optional(x)`,
 * `x.check(z.minLength(1))`. Unlike `zod`, zod/mini loads no messages, so the English ones are
 * configured here: error messages handed to CloudFormation or written to logs stay readable.
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

// Import as `import * as z from '../shared/zod'`: a namespace import of a re-export keeps esbuild's
// tree shaking (re-exporting a namespace object, `export { z }`, bundles all of zod: 430 KB).
export * from 'zod/mini';
