import { IResolvable, IResolveContext, ResolutionTypeHint, Token, Tokenization } from 'aws-cdk-lib';

/** A token found in the serialized document, kept apart from the literal text around it. */
class TokenPart {
  constructor(readonly token: IResolvable) {}
}

/** Fragments gathered in order by {@link TokenizedStringFragments.join} (which folds them pairwise). */
class Gathered {
  constructor(readonly items: Array<string | TokenPart>) {}
}

function gathered(value: unknown): ReadonlyArray<string | TokenPart> {
  if (value instanceof Gathered) return value.items;
  if (value === undefined) return [];
  if (typeof value === 'string' || value instanceof TokenPart) return [value];
  throw new Error(`unexpected fragment in serialized content: ${String(value)}`);
}

/** The serialized text split into literal JSON text and the tokens embedded in its strings. */
function splitTokens(text: string): ReadonlyArray<string | TokenPart> {
  const fragments = Tokenization.reverseString(text).mapTokens({ mapToken: (token) => new TokenPart(token) });
  // join folds from the left: the accumulated list is extended in place, not copied per fragment.
  const join = (left: unknown, right: unknown): Gathered => {
    const into = left instanceof Gathered ? left : new Gathered([...gathered(left)]);
    into.items.push(...gathered(right));
    return into;
  };
  return gathered(fragments.join({ join }));
}

/** A string's JSON escaping, without the quotes: what it looks like inside a JSON string. */
function quote(text: string): string {
  const json = JSON.stringify(text);
  return json.substring(1, json.length - 1);
}

/** Every string literal in an intrinsic escaped for use inside a JSON string (as aws-cdk-lib does). */
function deepQuote(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepQuote);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[quote(key)] = deepQuote(item);
    return out;
  }
  return typeof value === 'string' ? quote(value) : value;
}

function isConcatable(value: unknown): value is string | number {
  return (typeof value === 'string' || typeof value === 'number') && !Token.isUnresolved(value);
}

/**
 * The parts of an `Fn::Join` with delimiter '': nested '' joins spliced in, adjacent literals
 * merged (the same minimal form aws-cdk-lib gives `Stack.toJsonString`, so templates are the same).
 */
function minimalJoin(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  const pending = [...values];
  while (pending.length > 0) {
    const value = pending.shift();
    const join = nestedJoin(value);
    if (join !== undefined) {
      pending.unshift(...join);
    } else if (out.length > 0 && isConcatable(out[out.length - 1]) && isConcatable(value)) {
      out[out.length - 1] = `${out[out.length - 1]}${value}`;
    } else {
      out.push(value);
    }
  }
  return out;
}

/** The list of an `{"Fn::Join": ["", [...]]}`, else undefined. */
function nestedJoin(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'Fn::Join') return undefined;
  const [delimiter, list] = (value as { 'Fn::Join': [unknown, unknown] })['Fn::Join'];
  return delimiter === '' && Array.isArray(list) && !Token.isUnresolved(list) ? list : undefined;
}

/**
 * A JSON document holding CDK tokens, rendered as one JSON string for a template: the literal
 * text where it has no token, else an `Fn::Join` of literal JSON chunks and the tokens' values.
 */
class JsonContent implements IResolvable {
  readonly creationStack: string[] = [];
  readonly typeHint = ResolutionTypeHint.STRING;
  private parts?: ReadonlyArray<string | TokenPart>;

  constructor(private readonly document: () => unknown) {}

  resolve(context: IResolveContext): unknown {
    // Serialized and split once; only the tokens are resolved on each call (aws-cdk-lib resolves
    // every property more than once per synthesis: references first, then the template).
    this.parts ??= splitTokens(JSON.stringify(this.document()));
    const values = this.parts.map((part) => {
      if (typeof part === 'string') return part;
      const value: unknown = context.resolve(part.token);
      // The token sits inside a JSON string: a literal value is escaped there, an intrinsic's literals too.
      if (typeof value === 'string') return quote(value);
      if (typeof value === 'number' || typeof value === 'boolean') return quote(String(value));
      return deepQuote(value);
    });
    const joined = minimalJoin(values);
    if (joined.length === 0) return '';
    return joined.length === 1 && typeof joined[0] === 'string' ? joined[0] : { 'Fn::Join': ['', joined] };
  }

  toString(): string {
    return Token.asString(this);
  }
}

/**
 * `document` as a JSON string for a CloudFormation property, with the tokens in its strings (ARNs
 * of other resources) resolved in the template: the same template as
 * `Stack.of(scope).toJsonString(document())`, for a fraction of the work on large documents.
 * `Stack.toJsonString` resolves the whole document through aws-cdk-lib's token resolver each
 * time the property is resolved; here the document is serialized once, on first resolution, by
 * `JSON.stringify`, and each resolution only resolves the few tokens it holds.
 *
 * Tokens belong in string values (where `${kind:name}` references put them), not in keys: a
 * token that resolves to a literal is escaped into the JSON string it sits in; one that resolves
 * to an intrinsic becomes a part of an `Fn::Join`. (`toJsonString` also resolves keys, so two
 * keys that resolve to the same text collapse there and not here.)
 *
 * @param document produces the document when the property is first resolved (so it may name
 *   resources created after this call); called once
 */
export function jsonContent(document: () => unknown): string {
  return new JsonContent(document).toString();
}
