/**
 * AWS X-Ray tracing for the kit's handlers without the X-Ray SDK. In Lambda with active tracing
 * the service already records the function's segment; what a handler adds is subsegments: one
 * for the handler (`## <handler>`, with the ColdStart and Service annotations Powertools Tracer
 * sets) and one per AWS SDK call, nested under it, with the fields X-Ray's service map and
 * trace timeline read (namespace `aws`, operation, region, request id, retries, status, error /
 * throttle / fault flags). They are sent as independent subsegment documents to the X-Ray daemon
 * over UDP, as the X-Ray SDK does in Lambda
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html), and every SDK
 * request carries the `X-Amzn-Trace-Id` header so the downstream service joins the trace.
 *
 * Why not Powertools Tracer: it wraps aws-xray-sdk-core (68 KB minified, plus semver and
 * cls-hooked), whose loading cost a fifth of a handler's cold init (bench/lambda.ts). This module
 * loads nothing at init beyond Node built-ins; the UDP socket is opened at the first send.
 *
 * Off when `POWERTOOLS_TRACE_ENABLED` is `false`, outside Lambda (no `AWS_LAMBDA_FUNCTION_NAME`),
 * and for any invocation Lambda did not sample (`Sampled=0` or no trace header).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';
import { redactText } from './redact';

/** The trace an invocation belongs to, from Lambda's trace header. */
export interface TraceHeader {
  /** `Root`: the trace id, e.g. `1-5759e988-bd862e3fe1be46a994272793`. */
  readonly root: string;
  /** `Parent`: the id of the segment the next subsegment hangs under. */
  readonly parent?: string;
  /** `Sampled=1`: X-Ray records this trace. */
  readonly sampled: boolean;
  /** Any other fields (e.g. `Lineage`), passed on downstream unchanged. */
  readonly extra: string;
}

/** An X-Ray subsegment document as sent to the daemon (only the fields the kit sets). */
export interface SubsegmentDocument {
  readonly type: 'subsegment';
  readonly id: string;
  readonly trace_id: string;
  readonly parent_id?: string;
  readonly name: string;
  readonly start_time: number;
  end_time?: number;
  namespace?: 'aws';
  annotations?: Record<string, string | number | boolean>;
  aws?: { operation: string; region?: string; request_id?: string; retries?: number; table_name?: string };
  http?: { response: { status: number } };
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
  cause?: { exceptions: Array<{ id: string; type: string; message: string; remote: boolean }> };
}

/** Where finished subsegments go: the X-Ray daemon by default; tests pass their own. */
export type SubsegmentSink = (document: SubsegmentDocument) => void;

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;

/** Parses `Root=…;Parent=…;Sampled=…[;Lineage=…]`; undefined if there is no valid root. */
export function parseTraceHeader(header: string | undefined): TraceHeader | undefined {
  if (!header) return undefined;
  let root: string | undefined;
  let parent: string | undefined;
  let sampled = false;
  const extra: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 'Root') root = value;
    else if (key === 'Parent') parent = value;
    else if (key === 'Sampled') sampled = value === '1';
    else extra.push(`${key}=${value}`);
  }
  if (root === undefined || !TRACE_ID.test(root)) return undefined;
  return { root, parent: parent !== undefined && SEGMENT_ID.test(parent) ? parent : undefined, sampled, extra: extra.join(';') };
}

/** The trace header Lambda gives the current invocation (the Invoke Store first: it is per invocation when one environment runs several). */
function lambdaTraceHeader(): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId?: () => string | undefined } } }).awslambda?.InvokeStore;
  return store?.getXRayTraceId?.() ?? process.env._X_AMZN_TRACE_ID;
}

/** `host:port` of the daemon from `AWS_XRAY_DAEMON_ADDRESS` (`host:port` or `udp:host:port tcp:host:port`). */
export function daemonAddress(value = process.env.AWS_XRAY_DAEMON_ADDRESS): { host: string; port: number } {
  const udp = (value ?? '').split(/\s+/).find((part) => part.startsWith('udp:')) ?? (value ?? '').split(/\s+/)[0];
  const match = /^(?:udp:)?([^:\s]+):(\d{1,5})$/.exec(udp ?? '');
  return match ? { host: match[1], port: Number(match[2]) } : { host: '127.0.0.1', port: 2000 };
}

let daemonSocket: import('node:dgram').Socket | undefined;

/**
 * Sends a document to the X-Ray daemon; a failure to send never reaches the handler. One UDP
 * socket, opened at the first send (node:dgram is not loaded at init), unreferenced so it never
 * keeps a process alive, and replaced if it ever errors (UDP keeps no connection a freeze of the
 * execution environment could break).
 */
function sendToDaemon(document: SubsegmentDocument): void {
  try {
    const { host, port } = daemonAddress();
    const message = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
    if (!daemonSocket) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const dgram = require('node:dgram') as typeof import('node:dgram');
      const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.unref();
      socket.on('error', () => {
        if (daemonSocket === socket) daemonSocket = undefined;
        socket.close();
      });
      daemonSocket = socket;
    }
    daemonSocket.send(message, port, host);
  } catch {
    // Tracing is best effort: a trace lost is better than a caller dropped.
    daemonSocket = undefined;
  }
}

const nowSeconds = (): number => Date.now() / 1000;
/** Random bytes for ids, filled 64 ids at a time: one `randomBytes(8)` per id cost 14 µs of each invocation's 0.2 ms (bench/lambda.ts). */
const idPool = Buffer.alloc(8 * 64);
let idOffset = idPool.length;

/** A new 64-bit subsegment or exception id, as 16 hex digits. */
export function newId(): string {
  if (idOffset >= idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  idOffset += 8;
  return idPool.toString('hex', idOffset - 8, idOffset);
}

/** The open handler subsegment of the invocation running in this async context. */
interface ActiveSegment {
  readonly trace: TraceHeader;
  readonly document: SubsegmentDocument;
}

/** The SDK v3 middleware stack, as much of it as is used (no SDK import: the types stay structural). */
interface MiddlewareClient {
  readonly middlewareStack: {
    add(middleware: unknown, options: { step: 'build'; name: string; override?: boolean }): void;
    remove(name: string): boolean;
  };
  readonly config: { region?: unknown };
}

/** What the build step hands a middleware (structural, see @smithy/types). */
interface BuildArgs {
  readonly input?: Record<string, unknown>;
  readonly request?: { headers?: Record<string, string> };
}

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

const MIDDLEWARE_NAME = 'GovContactCenterXRay';
const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException', 'SlowDown', 'Throttling']);

/** Settings of {@link XRayTracer}. */
export interface XRayTracerOptions {
  /**
   * The Service annotation of the handler subsegment.
   * @default - `POWERTOOLS_SERVICE_NAME`, else the function name
   */
  readonly serviceName?: string;
  /**
   * Where finished subsegments go.
   * @default - the X-Ray daemon at `AWS_XRAY_DAEMON_ADDRESS`
   */
  readonly sink?: SubsegmentSink;
}

/**
 * The handlers' tracer: {@link captureAWSv3Client} on SDK clients at module level and
 * {@link captureHandler} around the handler, the same two calls Powertools Tracer offers.
 */
export class XRayTracer {
  private readonly store = new AsyncLocalStorage<ActiveSegment>();
  private sink: SubsegmentSink;
  private readonly serviceName: string | undefined;
  private coldStart = true;

  constructor(options: XRayTracerOptions = {}) {
    this.sink = options.sink ?? sendToDaemon;
    this.serviceName = options.serviceName;
  }

  /** Sends finished subsegments to `sink` instead (tests); returns the previous sink. */
  public useSink(sink: SubsegmentSink): SubsegmentSink {
    const previous = this.sink;
    this.sink = sink;
    return previous;
  }

  /** True when this process records traces at all (Lambda, and `POWERTOOLS_TRACE_ENABLED` not `false`). */
  public isTracingEnabled(): boolean {
    return process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false' && process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined && process.env.AWS_SAM_LOCAL === undefined;
  }

  /** Adds an annotation (indexed, searchable in X-Ray) to the current handler subsegment, if any. */
  public putAnnotation(key: string, value: string | number | boolean): void {
    const active = this.store.getStore();
    if (active) active.document.annotations = { ...active.document.annotations, [key]: value };
  }

  /**
   * Wraps a handler so each sampled invocation records a `## <name>` subsegment (ColdStart and
   * Service annotations; `error` if it throws) under Lambda's function segment, and SDK calls made
   * inside it are nested under it. `name` defaults to Lambda's `_HANDLER` (e.g. `index.handler`),
   * as Powertools Tracer names it.
   */
  public captureHandler<A extends unknown[], R>(handler: (...args: A) => Promise<R>, name?: string): (...args: A) => Promise<R> {
    return async (...args: A): Promise<R> => {
      const coldStart = this.coldStart;
      this.coldStart = false;
      const trace = this.isTracingEnabled() ? parseTraceHeader(lambdaTraceHeader()) : undefined;
      if (!trace?.sampled) return handler(...args);
      const service = this.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'service_undefined';
      const document: SubsegmentDocument = {
        type: 'subsegment',
        id: newId(),
        trace_id: trace.root,
        parent_id: trace.parent,
        name: `## ${name ?? process.env._HANDLER ?? 'handler'}`,
        start_time: nowSeconds(),
        annotations: { ColdStart: coldStart, Service: service },
      };
      try {
        return await this.store.run({ trace, document }, () => handler(...args));
      } catch (error) {
        document.error = true;
        document.cause = { exceptions: [exceptionOf(error, false)] };
        throw error;
      } finally {
        document.end_time = nowSeconds();
        this.emit(document);
      }
    };
  }

  /**
   * Instruments an AWS SDK v3 client: each command becomes a subsegment (retries included) and
   * its request carries the trace header. Returns the client; calling it twice is harmless.
   */
  public captureAWSv3Client<T>(client: T): T {
    const c = client as unknown as MiddlewareClient;
    if (!c?.middlewareStack) return client;
    c.middlewareStack.remove(MIDDLEWARE_NAME);
    c.middlewareStack.add(
      (next: (args: BuildArgs) => Promise<{ output?: { $metadata?: SdkError['$metadata'] } }>, context: { clientName?: string; commandName?: string }) =>
        (args: BuildArgs) =>
          this.traceCall(c, context, args, next),
      { step: 'build', name: MIDDLEWARE_NAME },
    );
    return client;
  }

  private async traceCall<R extends { output?: { $metadata?: SdkError['$metadata'] } }>(
    client: MiddlewareClient,
    context: { clientName?: string; commandName?: string },
    args: BuildArgs,
    next: (args: BuildArgs) => Promise<R>,
  ): Promise<R> {
    const active = this.store.getStore();
    if (!active) return next(args);
    const { trace } = active;
    const id = newId();
    if (args.request?.headers) {
      args.request.headers['X-Amzn-Trace-Id'] = [`Root=${trace.root}`, `Parent=${id}`, `Sampled=${trace.sampled ? 1 : 0}`, ...(trace.extra ? [trace.extra] : [])].join(';');
    }
    const command = (context.commandName ?? 'UnknownCommand').replace(/Command$/, '');
    const document: SubsegmentDocument = {
      type: 'subsegment',
      id,
      trace_id: trace.root,
      parent_id: active.document.id,
      name: (context.clientName ?? 'AWS').replace(/Client$/, ''),
      namespace: 'aws',
      start_time: nowSeconds(),
      aws: { operation: command },
    };
    const tableName = args.input?.TableName;
    if (typeof tableName === 'string') document.aws!.table_name = tableName;
    try {
      const result = await next(args);
      this.describeCall(document, await regionOf(client), result?.output?.$metadata);
      return result;
    } catch (error) {
      const e = error as SdkError;
      this.describeCall(document, await regionOf(client), e?.$metadata);
      const status = e?.$metadata?.httpStatusCode;
      if (status === 429 || THROTTLING.has(String(e?.name))) document.throttle = true;
      if (status !== undefined && status >= 400 && status < 500) document.error = true;
      else document.fault = true;
      document.cause = { exceptions: [exceptionOf(error, true)] };
      throw error;
    } finally {
      document.end_time = nowSeconds();
      this.emit(document);
    }
  }

  private describeCall(document: SubsegmentDocument, region: string | undefined, metadata: SdkError['$metadata'] | undefined): void {
    const aws = document.aws!;
    if (region) aws.region = region;
    if (metadata?.requestId) aws.request_id = metadata.requestId;
    if (typeof metadata?.attempts === 'number') aws.retries = Math.max(0, metadata.attempts - 1);
    if (typeof metadata?.httpStatusCode === 'number') document.http = { response: { status: metadata.httpStatusCode } };
  }

  private emit(document: SubsegmentDocument): void {
    try {
      this.sink(document);
    } catch {
      // A broken sink must not break the handler.
    }
  }
}

/** The region a client is configured for (the SDK resolves it to a provider function). */
async function regionOf(client: MiddlewareClient): Promise<string | undefined> {
  try {
    const region = client.config.region;
    const value = typeof region === 'function' ? await (region as () => Promise<unknown>)() : region;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An exception entry for `cause`: class name and redacted message (messages can echo caller data). */
function exceptionOf(error: unknown, remote: boolean): { id: string; type: string; message: string; remote: boolean } {
  const e = error as { name?: unknown; message?: unknown } | undefined;
  return { id: newId(), type: typeof e?.name === 'string' ? e.name : 'Error', message: redactText(typeof e?.message === 'string' ? e.message : String(error)), remote };
}
