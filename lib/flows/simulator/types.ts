import type { Action, FlowType, LoadedFlow } from '../types';
import type { BotDefinition } from '../../bots/schema';
import type { HoursConfig } from '../../config/schema';

/**
 * Types of the offline flow simulator: the contact's state, what the caller hears, the
 * questions the interpreter asks the world (caller input, Lambda answers, Lex turns) and the
 * answers it gets. The interpreter is the same for a scripted call and for the path explorer:
 * a scripted call answers each question once, the explorer forks on every possible answer.
 */

/** A value the explorer does not know (a Lambda's answer, a metric, a stored digit string). */
export const UNKNOWN: unique symbol = Symbol('unknown');
/** A string, or {@link UNKNOWN} while exploring. */
export type SimValue = string | typeof UNKNOWN;

/** Who hears a prompt: the caller, or the agent (agent whisper). */
export type Audience = 'caller' | 'agent';

/** One event of a call, in order. */
export type CallEvent =
  | { readonly kind: 'prompt'; readonly text: string; readonly language: string; readonly audience: Audience; readonly flow: string; readonly action: string; readonly dynamic: boolean }
  | { readonly kind: 'input'; readonly value: string; readonly flow: string; readonly action: string }
  | { readonly kind: 'flow'; readonly flow: string; readonly how: string }
  | { readonly kind: 'error'; readonly errorType: string; readonly flow: string; readonly action: string; readonly cause: string }
  | { readonly kind: 'lambda'; readonly fn: string; readonly result: string; readonly flow: string; readonly action: string }
  | { readonly kind: 'note'; readonly text: string; readonly flow: string; readonly action: string }
  /** The contact's `language` attribute changed (what the caller chose). */
  | { readonly kind: 'language'; readonly language: string };

/** How a call ended. */
export type EndState =
  | {
      readonly kind: 'disconnected';
      readonly flow: string;
      readonly action: string;
      readonly lastMessage?: string;
      /** The error branch taken after which the caller heard nothing before this disconnect. */
      readonly silentError?: { readonly flow: string; readonly action: string; readonly errorType: string };
    }
  | { readonly kind: 'queued'; readonly queue: string; readonly priority: number; readonly waiting: 'agent-answered' | 'in-queue' }
  | { readonly kind: 'transferred'; readonly to: string }
  | { readonly kind: 'hung-up'; readonly flow: string; readonly action: string }
  | { readonly kind: 'stopped'; readonly reason: string; readonly flow: string; readonly action: string };

/** One running flow (a module or a hook flow pushes a frame). */
export interface Frame {
  readonly flow: string;
  action: string;
  /** Loop counters of this flow's Loop actions. */
  loops: Record<string, number>;
  /** `$.FlowAttributes`. */
  flowAttributes: Record<string, SimValue>;
  /** For a module: where to continue in the caller (the InvokeFlowModule action). */
  readonly returnTo?: string;
}

/** Where the contact is in its life: in a flow the caller reached, in queue, with an agent. */
export type Phase = 'inbound' | 'queue' | 'whisper-customer' | 'whisper-agent' | 'hold' | 'transfer' | 'disconnect-flow';

/** A task a flow created: its name, the flow it starts in and its attributes. */
export interface SimTask {
  readonly name: string;
  readonly flow: string;
  readonly attributes: Readonly<Record<string, SimValue>>;
}

/** The contact as flows see it, plus the simulator's bookkeeping. Plain data: cloned to fork. */
export interface SimState {
  phase: Phase;
  stack: Frame[];
  channel: 'VOICE' | 'CHAT' | 'TASK';
  languageCode: string;
  attributes: Record<string, SimValue>;
  /** Replaced whole, never changed in place (the explorer's forks share it). */
  external: Readonly<Record<string, SimValue>>;
  /** Replaced whole, never changed in place (the explorer's forks share it). */
  lex: { readonly intent?: SimValue; readonly sessionAttributes: Readonly<Record<string, SimValue>>; readonly slots: Readonly<Record<string, SimValue>> };
  /** Replaced whole, never changed in place (the explorer's forks share it). */
  metrics: Readonly<Record<string, SimValue>>;
  storedInput?: SimValue;
  targetQueue?: string;
  queuePriority: number;
  customerNumber: string;
  systemNumber: string;
  callbackNumber?: string;
  voice: string;
  /** Replaced whole, never changed in place (the explorer's forks share it). */
  hooks: Readonly<Record<string, string>>;
  /** Replaced whole, never changed in place (the explorer's forks share it). */
  tags: Readonly<Record<string, string>>;
  recording: string;
  flowLogging: boolean;
  /** Agent-side steps taken (transfers, holds), to bound them. */
  agentSteps: number;
  /** An error branch was taken and the caller has heard nothing since. */
  silentError?: { readonly flow: string; readonly action: string; readonly errorType: string };
  /** Set while no flow runs: waiting in queue, or talking to an agent. */
  pending?: 'in-queue' | 'connected';
  /** The queue the contact was last placed in, and its priority. */
  queued?: { readonly queue: string; readonly priority: number };
  /** A callback the flow created. */
  callback?: { readonly queue: string; readonly number: string };
  /** Routing criteria set on the contact (UpdateContactRoutingCriteria); replaced whole, never changed in place. */
  routingCriteria?: readonly RoutingStep[];
  /** Tasks the flows created (CreateTask), in order. */
  tasks?: SimTask[];
  steps: number;
  faultsUsed: number;
  events: CallEvent[];
  end?: EndState;
}

/** One requirement of a routing step: proficiency in an attribute value, at least a level. */
export interface RoutingRequirement {
  readonly attribute: string;
  readonly value: string;
  readonly minimumLevel: number;
}

/** One step of a contact's routing criteria: requirements ANDed, and when the step expires. */
export interface RoutingStep {
  readonly requirements: readonly RoutingRequirement[];
  /** Seconds before the next step (or any agent of the queue) takes over. @default - never expires */
  readonly expiresAfterSeconds?: number;
}

/** A branch an action takes: its success path, a condition (by index) or an error type. */
export type Branch = { readonly kind: 'next' } | { readonly kind: 'condition'; readonly index: number } | { readonly kind: 'error'; readonly errorType: string };

/** What an action did: the branch to follow, or the end of the flow for the engine to handle. */
export type Outcome =
  | { readonly branch: Branch; readonly cause?: string }
  | { readonly end: EndKind; readonly target?: string; readonly reason?: string };

/** How an action ends the running flow. */
export type EndKind = 'agent-hangs-up' | 'hold' | 'agent-transfer' | 'leave' | 'disconnect' | 'end-flow' | 'end-module' | 'invoke-module' | 'transfer-to-flow' | 'queue' | 'agent' | 'third-party' | 'hang-up' | 'stop';

/** A question the interpreter asks the world. */
export type Request =
  | { readonly kind: 'dtmf'; readonly store: boolean; readonly maxDigits?: number; readonly timeoutSeconds: number }
  | { readonly kind: 'lambda'; readonly fn: string; readonly parameters: Record<string, SimValue>; readonly timeoutSeconds: number }
  | { readonly kind: 'lex'; readonly bot: string; readonly locale: string; readonly sessionAttributes: Record<string, SimValue> }
  | { readonly kind: 'hold'; readonly interruptSeconds: number }
  | { readonly kind: 'percent' }
  | { readonly kind: 'wait'; readonly seconds: number }
  /** The contact waits in queue with no flow running: will an agent answer? */
  | { readonly kind: 'queue-wait'; readonly queue: string }
  /** The caller is talking to an agent: what happens next? */
  | { readonly kind: 'agent' }
  /** Explorer only: the value is unknown, so any of these outcomes may happen. */
  | { readonly kind: 'branch'; readonly options: readonly Outcome[] };

/** The world's answer to a {@link Request}. */
export type Answer =
  | { readonly kind: 'digits'; readonly value: SimValue }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'error'; readonly cause?: string }
  | { readonly kind: 'lambda-ok'; readonly values: Record<string, SimValue> }
  | {
      readonly kind: 'lex-result';
      readonly intent: SimValue;
      readonly state: 'Fulfilled' | 'Failed';
      readonly sessionAttributes: Record<string, SimValue>;
      readonly slots: Record<string, SimValue>;
      /** What the bot said, in order (played to the caller). */
      readonly messages: readonly { readonly text: SimValue; readonly fromCaller?: boolean }[];
    }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'agent-answers' }
  | { readonly kind: 'percent'; readonly value: number }
  | { readonly kind: 'waited' }
  | { readonly kind: 'choice'; readonly index: number }
  /** The agent's next move while connected. */
  | { readonly kind: 'agent-move'; readonly move: 'hang-up' | 'caller-hangs-up' | 'hold' | 'transfer'; readonly target?: string; readonly queue?: string }
  /** Nothing more happens in this scenario: the caller stays where they are. */
  | { readonly kind: 'leave' };

/** An action that needs the world: the question, and how to finish once answered. */
export interface Ask {
  readonly ask: Request;
  readonly resume: (answer: Answer, state: SimState) => Outcome;
}

/** What an action handler returns. */
export type StepResult = Outcome | Ask;

/** One queue as the simulator models it. */
export interface SimQueue {
  readonly name: string;
  readonly hours: string;
  readonly maxContacts?: number;
}

/**
 * The jurisdiction as the interpreter sees it: its flows with `${kind:name}` references
 * resolved to names, hours, queues, bots and config values. Built once per jurisdiction.
 */
export interface SimWorld {
  readonly jurisdiction: string;
  readonly languages: readonly string[];
  readonly flows: ReadonlyMap<string, SimFlow>;
  readonly hours: ReadonlyMap<string, HoursConfig>;
  readonly queues: ReadonlyMap<string, SimQueue>;
  readonly bots: ReadonlyMap<string, BotDefinition>;
  /** Predefined attributes agents are rated in, with their values (routing criteria must use them). @default - none */
  readonly predefinedAttributes?: ReadonlyMap<string, readonly string[]>;
  /** Name of the disconnect flow, etc., used when no hook is set. @default none */
  readonly defaultQueueFlow?: string;
}

/** A flow ready to run: actions by identifier. */
export interface SimFlow {
  readonly name: string;
  readonly type: FlowType;
  readonly start: string;
  readonly actions: ReadonlyMap<string, Action>;
  readonly source: LoadedFlow;
}

/** Scenario-given facts about the world around the call (see scenario.ts). */
export interface Conditions {
  /** The simulated instant, ISO 8601. */
  readonly at: string;
  /** Queue metrics by queue name. */
  readonly queues: Readonly<Record<string, QueueMetrics>>;
  /** Whether the Neural text-to-speech engine is available. @default true */
  readonly neuralVoices: boolean;
  /** Actions forced to take an error branch: `flow/action` or `action` → error type. */
  readonly faults: Readonly<Record<string, string>>;
  /** Random draws for DistributeByPercentage, 0-99, in order. */
  readonly percent?: readonly number[];
}

/** Metrics of one queue at the simulated instant. */
export interface QueueMetrics {
  readonly waiting?: number;
  readonly oldestContactSeconds?: number;
  readonly agentsOnline?: number;
  readonly agentsAvailable?: number;
  readonly agentsStaffed?: number;
}
