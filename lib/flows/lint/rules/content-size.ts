import { REGION_CAPABILITIES } from '../../../config/regions';
import { estimatingResolver } from '../../estimate';
import { ReferenceKind } from '../../references';
import { oncePerObject } from '../../memo';
import type { Finding, FlowDocument } from '../../types';
import { finding, LintRule } from '../rule';

const id = 'content-size';

/** Most characters of a flow's or module's content (CreateContactFlow `Content`). */
export const CONTENT_LIMIT = 256_000;
/** Above this share of the limit the rule warns. */
const WARN_SHARE = 0.9;

/** A document's length as compact JSON, Metadata included, measured once per document (see oncePerObject). */
const sizeWithMetadata = oncePerObject((doc: FlowDocument) => JSON.stringify(doc).length);

/** A document's length as compact JSON without its Metadata, measured once per document. */
const sizeWithoutMetadata = oncePerObject(({ Metadata: _metadata, ...rest }: FlowDocument) => JSON.stringify(rest).length);

/** The length of `doc` as compact JSON as it is written: without its Metadata when `strip`. */
function writtenSize(doc: FlowDocument, strip: boolean): number {
  return !strip && doc.Metadata !== undefined ? sizeWithMetadata(doc) : sizeWithoutMetadata(doc);
}

/**
 * Flow content is at most 256,000 characters, counted after the app has replaced every reference
 * with a full ARN: the estimate resolves with fake ARNs of real length for the context's
 * partition (`aws-us-gov` unless told) and renders compact JSON, as the app does.
 */
export const contentSize: LintRule = {
  id,
  description: 'Content must stay under 256,000 characters after references are resolved (estimated with real ARN lengths); warning above 90%.',
  check(ctx) {
    const out: Finding[] = [];
    const region = ctx.context.region ?? 'us-gov-west-1';
    const partition = ctx.context.partition ?? REGION_CAPABILITIES[region as keyof typeof REGION_CAPABILITIES]?.partition ?? 'aws-us-gov';
    const resolver = estimatingResolver({ partition, region }, ctx.context.configValues);
    const strip = ctx.context.metadata === 'strip';
    for (const flow of ctx.flows) {
      // The size as written, plus what each reference grows by when it becomes its value.
      let size = writtenSize(flow.content, strip);
      for (const ref of ctx.references(flow)) {
        if (ref.problem || (strip && ref.inMetadata)) continue;
        const value = resolver(ref.kind as ReferenceKind, ref.name);
        if (value !== undefined) size += JSON.stringify(value).length - JSON.stringify(ref.text).length;
      }
      if (size <= CONTENT_LIMIT * WARN_SHARE) continue;
      const over = size > CONTENT_LIMIT;
      out.push(
        finding(
          flow,
          id,
          over ? 'error' : 'warning',
          `content is about ${size.toLocaleString('en-US')} characters once references are resolved, ${over ? 'over' : 'near'} the limit of ${CONTENT_LIMIT.toLocaleString('en-US')}: split it into flow modules${ctx.context.metadata === 'strip' ? '' : ' or strip Metadata'}`,
        ),
      );
    }
    return out;
  },
};
