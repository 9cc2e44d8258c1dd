import type { AcknowledgedFinding, Evidence, ResourceRef, StackTemplate, TemplateResource } from './types';

/**
 * The synthesized templates of one jurisdiction as one graph: every resource by `stack/logicalId`,
 * references followed across stacks (`Ref`, `Fn::GetAtt`, and `Fn::ImportValue` through the
 * exporting stack's outputs), and the cdk-nag acknowledgements the kit writes into each
 * resource's metadata.
 */

/** A resource of the assembly with where it lives. */
export interface AssemblyResource extends ResourceRef {
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly resource: TemplateResource;
  /** The construct path (`aws:cdk:path` metadata), e.g. `riverton-311-stateful/RecordingsBucket/Resource/Resource`. */
  readonly path: string;
  readonly acknowledgements: readonly AcknowledgedFinding[];
}

/** The key of a resource: `stack/logicalId`. */
export const keyOf = (ref: ResourceRef): string => `${ref.stack}/${ref.logicalId}`;

/** The resources of one jurisdiction's stacks and the references between them. */
export class Assembly {
  /** Every resource, in stack order then template order. */
  readonly resources: readonly AssemblyResource[];
  readonly stacks: readonly StackTemplate[];
  private readonly byKey = new Map<string, AssemblyResource>();
  private readonly exports = new Map<string, ResourceRef>();

  constructor(stacks: readonly StackTemplate[]) {
    this.stacks = stacks;
    const resources: AssemblyResource[] = [];
    for (const { name, template } of stacks) {
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        const metadata = resource.Metadata ?? {};
        const nag = (metadata.cdk_nag as { rules_to_suppress?: Array<{ id: string; reason: string }> } | undefined)?.rules_to_suppress ?? [];
        const entry: AssemblyResource = {
          stack: name,
          logicalId,
          type: resource.Type,
          properties: resource.Properties ?? {},
          resource,
          path: String(metadata['aws:cdk:path'] ?? `${name}/${logicalId}`),
          acknowledgements: nag.map((a) => ({ stack: name, logicalId, id: a.id, reason: a.reason })),
        };
        resources.push(entry);
        this.byKey.set(keyOf(entry), entry);
      }
      for (const output of Object.values(template.Outputs ?? {})) {
        const exportName = output.Export?.Name;
        if (typeof exportName !== 'string') continue;
        const target = this.directRefs(output.Value, name)[0];
        if (target) this.exports.set(exportName, target);
      }
    }
    this.resources = resources;
  }

  /** The resource with this key, if any. */
  get(ref: ResourceRef | undefined): AssemblyResource | undefined {
    return ref ? this.byKey.get(keyOf(ref)) : undefined;
  }

  /** Resources of one CloudFormation type (or of several). */
  ofType(...types: string[]): AssemblyResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /** Every resource a template value refers to, following imports to the exporting stack. */
  refsIn(value: unknown, stack: string): ResourceRef[] {
    const out: ResourceRef[] = [];
    const seen = new Set<string>();
    const add = (ref: ResourceRef) => {
      if (!this.byKey.has(keyOf(ref)) || seen.has(keyOf(ref))) return;
      seen.add(keyOf(ref));
      out.push(ref);
    };
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(visit);
      if (v === null || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o.Ref === 'string') return add({ stack, logicalId: o.Ref });
      if (Array.isArray(o['Fn::GetAtt'])) return add({ stack, logicalId: String(o['Fn::GetAtt'][0]) });
      if (typeof o['Fn::GetAtt'] === 'string') return add({ stack, logicalId: o['Fn::GetAtt'].split('.')[0] });
      if (o['Fn::ImportValue'] !== undefined) {
        const name = o['Fn::ImportValue'];
        const target = typeof name === 'string' ? this.exports.get(name) : undefined;
        if (target) add(target);
        return;
      }
      Object.values(o).forEach(visit);
    };
    visit(value);
    return out;
  }

  /** The first resource a value refers to, resolved. */
  resolve(value: unknown, stack: string): AssemblyResource | undefined {
    return this.get(this.refsIn(value, stack)[0]);
  }

  private directRefs(value: unknown, stack: string): ResourceRef[] {
    const o = value as Record<string, unknown> | null;
    if (o && typeof o === 'object' && typeof o.Ref === 'string') return [{ stack, logicalId: o.Ref }];
    if (o && typeof o === 'object' && Array.isArray(o['Fn::GetAtt'])) return [{ stack, logicalId: String(o['Fn::GetAtt'][0]) }];
    return [];
  }

  /** Resources whose properties refer to the given one. */
  referrers(target: ResourceRef, ...types: string[]): AssemblyResource[] {
    return this.resources.filter((r) => (types.length === 0 || types.includes(r.type)) && this.refsIn(r.properties, r.stack).some((ref) => keyOf(ref) === keyOf(target)));
  }

  /** A short readable name: the construct path without the stack and the trailing `Resource` parts. */
  label(ref: ResourceRef): string {
    const r = this.get(ref);
    // Without path metadata, the logical id without CDK's 8-digit hash suffix.
    if (!r || r.path === `${r.stack}/${r.logicalId}`) return ref.logicalId.replace(/[0-9A-F]{8}$/, '') || ref.logicalId;
    const parts = r.path.split('/').slice(1).filter((p) => p !== 'Resource' && p !== 'Default');
    return parts.join('/') || ref.logicalId;
  }

  /** Every acknowledgement in the assembly. */
  acknowledgements(): AcknowledgedFinding[] {
    return this.resources.flatMap((r) => r.acknowledgements);
  }
}

/**
 * Renders a template value the way cdk-nag flattens references for acknowledgement ids:
 * `{ "Fn::GetAtt": ["Bucket", "Arn"] }` → `<Bucket.Arn>`, `{ "Ref": "AWS::Partition" }` → `<AWS::Partition>`,
 * an import → its export name, a join → the joined parts.
 */
export function flatten(value: unknown, literal = false): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return literal ? value : value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const o = value as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map((item) => flatten(item, literal)).join(delimiter);
  }
  if (o['Fn::Sub'] !== undefined) return flatten(Array.isArray(o['Fn::Sub']) ? o['Fn::Sub'][0] : o['Fn::Sub'], literal);
  if (Array.isArray(o['Fn::GetAtt'])) return `<${(o['Fn::GetAtt'] as unknown[]).map((x) => flatten(x)).join('.')}>`;
  if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue'], literal);
  if (o.Ref !== undefined) return `<${flatten(o.Ref, literal)}>`;
  return JSON.stringify(value);
}

/** A value as a list (CloudFormation allows one item or a list). */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** Reads a property by a dotted path with `[i]` indexes; `undefined` when absent. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.').flatMap((p) => p.split(/\[(\d+)\]/).filter((s) => s !== ''))) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Evidence that a resource's property at `path` (relative to the resource) has its value. */
export function evidence(r: AssemblyResource, path: string, note: string): Evidence {
  return { stack: r.stack, logicalId: r.logicalId, type: r.type, path, value: at(r.resource, path), note };
}
