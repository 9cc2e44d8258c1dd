/**
 * Bundling for the Lambda bench: each handler with the production esbuild options, what
 * dominates the bundle, which AWS SDK clients it constructs, and the "floor" bundle that
 * constructs only those clients.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BuildOptions, Metafile } from 'esbuild';
import { handlerBuildSettings } from '../../lib/cache/handler-bundle';
import { BUNDLING, HANDLER_RUNTIME } from '../../lib/constructs/connect-function';
import { bundleOptions } from '../../lib/constructs/handler-code';

/** esbuild options of the production bundling, plus where they came from. */
export interface ProductionOptions {
  readonly options: BuildOptions;
  readonly source: string;
}

/**
 * The esbuild settings the kit's handlers ship with: `BUNDLING` and `HANDLER_RUNTIME` of
 * lib/constructs/connect-function.ts, mapped by the bundler the app uses, so the bench and the
 * bundle-size test measure exactly what is deployed.
 */
export function productionOptions(): ProductionOptions {
  return {
    options: handlerBuildSettings(bundleOptions(BUNDLING, HANDLER_RUNTIME)),
    source: 'BUNDLING in lib/constructs/connect-function.ts (lib/cache/handler-bundle.ts handlerBuildSettings)',
  };
}

/** One AWS SDK package the bundle requires at run time, and the clients the handler constructs from it. */
export interface SdkUse {
  readonly pkg: string;
  /** Client classes constructed with `new` (e.g. DynamoDBClient). */
  readonly clients: string[];
  /** Clients built with a static `.from(inner)` (e.g. DynamoDBDocumentClient). */
  readonly fromClients: string[];
}

/** A bundled handler. */
export interface BundleInfo {
  readonly file: string;
  readonly bytes: number;
  /** Largest contributors, grouped by npm package or own folder, bytes in the minified output. */
  readonly top: Array<{ readonly name: string; readonly bytes: number }>;
  readonly sdk: SdkUse[];
}

/** Groups an esbuild input path by npm package (`zod`, `@aws-lambda-powertools/logger`) or own folder (`lambdas/shared`). */
export function groupOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = input.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = input.split('/');
  const lambdas = parts.lastIndexOf('lambdas');
  if (lambdas >= 0 && parts.length > lambdas + 2) return `lambdas/${parts[lambdas + 1]}`;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : input;
}

/** Bytes of each group in the output, largest first. */
function topInputs(meta: Metafile, outfile: string, repoRoot: string): Array<{ name: string; bytes: number }> {
  const rel = path.relative(repoRoot, outfile);
  const output = Object.entries(meta.outputs).find(([name]) => path.resolve(repoRoot, name) === outfile || name === rel)?.[1];
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group = groupOf(input);
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return [...groups.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * The AWS SDK packages left external, and which of their client classes the handler's own
 * sources (not node_modules) construct: `new XClient(` or `XClient.from(`.
 */
function sdkUses(meta: Metafile, repoRoot: string, requireFromRepo: NodeJS.Require): SdkUse[] {
  const externals = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) if (imp.external && imp.path.startsWith('@aws-sdk/')) externals.add(imp.path.split('/').slice(0, 2).join('/'));
  }
  const sources = Object.keys(meta.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => fs.readFileSync(path.resolve(repoRoot, input), 'utf8'))
    .join('\n');
  const constructed = new Set([...sources.matchAll(/\bnew\s+([A-Z][\w$]*)\s*\(/g)].map((m) => m[1]));
  const fromBuilt = new Set([...sources.matchAll(/\b([A-Z][\w$]*Client)\.from\s*\(/g)].map((m) => m[1]));
  return [...externals].sort().map((pkg) => {
    let exported: string[] = [];
    try {
      exported = Object.keys(requireFromRepo(pkg) as object);
    } catch {
      /* not installed: nothing to construct or mock */
    }
    const isClient = (name: string) => /Client$/.test(name) && !name.startsWith('__');
    return {
      pkg,
      clients: exported.filter((name) => isClient(name) && constructed.has(name)),
      fromClients: exported.filter((name) => isClient(name) && fromBuilt.has(name)),
    };
  });
}

/** Bundles `entry` to `outdir/index.js` with the production options and analyses the result. */
export async function bundle(entry: string, outdir: string, options: BuildOptions, repoRoot: string): Promise<BundleInfo> {
  const esbuild = await import('esbuild');
  const outfile = path.join(outdir, 'index.js');
  const result = await esbuild.build({
    ...options,
    entryPoints: [entry],
    outfile,
    bundle: true,
    metafile: true,
    write: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  });
  const requireFromRepo = require('module').createRequire(path.join(repoRoot, 'package.json')) as NodeJS.Require;
  return {
    file: outfile,
    bytes: fs.statSync(outfile).size,
    top: topInputs(result.metafile!, outfile, repoRoot),
    sdk: sdkUses(result.metafile!, repoRoot, requireFromRepo),
  };
}

/**
 * Source of the floor module: requires the same AWS SDK packages and constructs the same
 * clients as the handler, and nothing else. Document clients wrap a plain client of their
 * base package (lib-dynamodb → client-dynamodb).
 */
export function floorSource(sdk: readonly SdkUse[]): string {
  const lines = ["'use strict';", 'const clients = [];'];
  sdk.forEach((use, i) => {
    lines.push(`const sdk${i} = require(${JSON.stringify(use.pkg)});`);
    for (const client of use.clients) lines.push(`clients.push(new sdk${i}.${client}({}));`);
    for (const client of use.fromClients) {
      lines.push(`clients.push(sdk${i}.${client}.from(new (require('@aws-sdk/client-dynamodb').DynamoDBClient)({})));`);
    }
  });
  lines.push('exports.clients = clients;');
  return lines.join('\n') + '\n';
}

/** Human label of the floor: the constructed clients, or the packages merely required. */
export function floorLabel(sdk: readonly SdkUse[]): string {
  const clients = sdk.flatMap((u) => [...u.clients, ...u.fromClients]);
  if (clients.length) return clients.join(' + ');
  return sdk.length ? `require ${sdk.map((u) => u.pkg).join(', ')}` : 'empty module';
}
