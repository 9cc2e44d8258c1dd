import { SimState, SimValue, UNKNOWN } from './types';

/**
 * The JSONPath sources flows read, resolved against the simulated contact, and text with
 * `$.…` references in it (Amazon Connect substitutes them in prompts).
 * Attribute list: https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html
 */

/** A JSONPath reference inside text: `$.Attributes.name`, `$.Attributes['a b']`, `$.Metrics.Queue.Size`. */
export const PATH_IN_TEXT = /\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\['[^']*'\])*/g;

/** Splits `$.A.b['c d']` into `['A', 'b', 'c d']`; undefined when it is not a JSONPath. */
export function pathKeys(path: string): string[] | undefined {
  if (!path.startsWith('$.')) return undefined;
  const keys: string[] = [];
  const re = /\.([A-Za-z0-9_]+)|\['([^']*)'\]/gy;
  re.lastIndex = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    keys.push(m[1] ?? m[2]);
    if (re.lastIndex === path.length) return keys;
  }
  return undefined;
}

/** Key of a map whose every other key is unknown too (a Lambda's answer while exploring). */
export const ANY_KEY = '\u0000any';

/** Thrown for a JSONPath the simulator does not model: the run stops and names it. */
export class UnmodelledPathError extends Error {
  constructor(readonly path: string) {
    super(`the simulator does not model ${path}`);
    this.name = 'UnmodelledPathError';
  }
}

const METRIC_PATHS = new Set([
  'Queue.Name',
  'Queue.ARN',
  'Queue.Size',
  'Queue.OldestContactAge',
  'Agents.Online.Count',
  'Agents.Available.Count',
  'Agents.Staffed.Count',
  'Agents.AfterContactWork.Count',
  'Agents.Busy.Count',
  'Agents.Missed.Count',
  'Agents.NonProductive.Count',
]);

/**
 * The value of a JSONPath for the contact. A missing attribute is the empty string (what a
 * flow sees); a path the simulator does not model throws {@link UnmodelledPathError}.
 */
export function readPath(state: SimState, path: string, queueArn: (name: string) => string = (n) => `queue/${n}`): SimValue {
  const keys = pathKeys(path);
  if (!keys) throw new UnmodelledPathError(path);
  const [root, ...rest] = keys;
  const one = (map: Record<string, SimValue>) => (rest.length === 1 ? map[rest[0]] ?? map[ANY_KEY] ?? '' : bad());
  const bad = (): never => {
    throw new UnmodelledPathError(path);
  };
  switch (root) {
    case 'Attributes':
      return one(state.attributes);
    case 'FlowAttributes':
      return one(state.stack[state.stack.length - 1]?.flowAttributes ?? {});
    case 'External':
      return one(state.external);
    case 'Lex':
      if (rest.length === 1 && rest[0] === 'IntentName') return state.lex.intent ?? '';
      if (rest.length === 2 && rest[0] === 'SessionAttributes') return state.lex.sessionAttributes[rest[1]] ?? state.lex.sessionAttributes[ANY_KEY] ?? '';
      if (rest.length === 2 && rest[0] === 'Slots') return state.lex.slots[rest[1]] ?? state.lex.slots[ANY_KEY] ?? '';
      return bad();
    case 'Metrics': {
      const key = rest.join('.');
      if (!METRIC_PATHS.has(key)) return bad();
      return state.metrics[key] ?? '';
    }
    case 'Queue':
      if (rest.length === 1 && rest[0] === 'Name') return state.targetQueue ?? '';
      if (rest.length === 1 && rest[0] === 'ARN') return state.targetQueue ? queueArn(state.targetQueue) : '';
      if (rest.join('.') === 'OutboundCallerId.Address') return state.systemNumber;
      return bad();
    case 'LanguageCode':
      return rest.length === 0 ? state.languageCode : bad();
    case 'Channel':
      return rest.length === 0 ? state.channel : bad();
    case 'StoredCustomerInput':
      return rest.length === 0 ? state.storedInput ?? '' : bad();
    case 'CustomerEndpoint':
      return rest.length === 1 && rest[0] === 'Address' ? state.customerNumber : rest.length === 1 && rest[0] === 'Type' ? 'TELEPHONE_NUMBER' : bad();
    case 'SystemEndpoint':
      return rest.length === 1 && rest[0] === 'Address' ? state.systemNumber : rest.length === 1 && rest[0] === 'Type' ? 'TELEPHONE_NUMBER' : bad();
    case 'ContactId':
    case 'InitialContactId':
      return rest.length === 0 ? 'sim-contact-0001' : bad();
    case 'AwsRegion':
      return rest.length === 0 ? 'us-gov-west-1' : bad();
    case 'TextToSpeechVoiceId':
      return rest.length === 0 ? state.voice : bad();
    default:
      return bad();
  }
}

/** A parameter value: a JSONPath is read, anything else is taken literally. */
export function valueOf(state: SimState, raw: unknown): SimValue {
  const text = raw === undefined || raw === null ? '' : String(raw);
  return text.startsWith('$.') && pathKeys(text) ? readPath(state, text) : text;
}

/** Text with every `$.…` reference replaced; UNKNOWN if any reference is unknown. */
export function interpolate(state: SimState, text: string): SimValue {
  if (!text.includes('$.')) return text;
  let unknown = false;
  const out = text.replace(PATH_IN_TEXT, (path) => {
    const value = readPath(state, path);
    if (value === UNKNOWN) {
      unknown = true;
      return '';
    }
    return value;
  });
  return unknown ? UNKNOWN : out;
}

/** True when the text reads contact data (its content is known only at run time). */
export function isDynamic(text: string): boolean {
  PATH_IN_TEXT.lastIndex = 0;
  return PATH_IN_TEXT.test(text);
}
