import * as fs from 'fs';
import * as path from 'path';
import { AssetHashType, DockerImage, ILocalBundling, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { bundleHandler, HandlerBundleOptions } from '../cache/handler-bundle';
import { timed } from '../timings';

/** Copies a finished bundle into the folder the asset stager hands out. */
class CopyBundle implements ILocalBundling {
  constructor(private readonly dir: string) {}

  tryBundle(outputDir: string): boolean {
    for (const name of fs.readdirSync(this.dir)) fs.copyFileSync(path.join(this.dir, name), path.join(outputDir, name));
    return true;
  }
}

/** NodejsFunction's bundling options as the in-process bundler takes them. */
/** NodejsFunction's `bundling` settings (and the runtime's default target) as the kit's bundler takes them. */
export function bundleOptions(bundling: nodejs.BundlingOptions, runtime: lambda.Runtime): HandlerBundleOptions {
  return {
    minify: bundling.minify ?? false,
    sourceMap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    target: bundling.target ?? runtime.name.replace(/^nodejs(\d+).*$/, 'node$1'),
    format: bundling.format === nodejs.OutputFormat.ESM ? 'esm' : 'cjs',
    externalModules: bundling.externalModules ?? ['@aws-sdk/*'],
  };
}

/** Properties of {@link handlerCode}. */
export interface HandlerCodeProps {
  /** Absolute path of the handler's entry file. */
  readonly entry: string;
  /** The exported function Lambda calls, e.g. `handler`. */
  readonly exportName: string;
  /** The project root: esbuild's working folder, and where source-map paths start. */
  readonly projectRoot: string;
  /** The esbuild settings, as NodejsFunction's `bundling` (minify, sourceMap, sourcesContent, target, format, externalModules are read). */
  readonly bundling: nodejs.BundlingOptions;
  /** The function's runtime (the default esbuild target). */
  readonly runtime: lambda.Runtime;
}

/**
 * The `code` and `handler` of a NodejsFunction whose bundle is built by esbuild's API in this
 * process and cached across runs (see lib/cache/handler-bundle.ts), instead of one `npx esbuild`
 * per function. The asset is still a bundled asset hashed by its output, as NodejsFunction's,
 * so templates and asset hashes are the same as without the cache.
 *
 * In a stack whose bundling is skipped (`aws:cdk:bundling-stacks`: unit tests, `gcck validate`)
 * nothing is built: the NodejsFunction is left to skip bundling as it always did.
 */
export function handlerCode(scope: Construct, props: HandlerCodeProps): Pick<nodejs.NodejsFunctionProps, 'code' | 'handler'> {
  if (!Stack.of(scope).bundlingRequired) return { handler: props.exportName };
  const bundle = timed('bundling', () => bundleHandler(props.projectRoot, props.entry, bundleOptions(props.bundling, props.runtime)));
  return {
    code: lambda.Code.fromAsset(bundle.dir, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: { image: DockerImage.fromRegistry('gcck-prebuilt-bundle'), local: new CopyBundle(bundle.dir) },
    }),
    handler: `index.${props.exportName}`,
  };
}
