import type { ProficiencyRoutingConfig } from '../config/agent-schema';

/**
 * Routing by language proficiency, resolved from a jurisdiction's config: the predefined
 * attribute agents are rated in, which value each caller language asks for, the queue of each
 * language, and the `${config:proficiency.*}` values the kit's inbound flows read. Pure: the
 * config checks, the construct and the flow references all use it.
 */

/** The caller languages the kit's flows know, and the attribute value each asks for by default. */
export const CALLER_LANGUAGE_VALUES: Readonly<Record<string, string>> = { 'en-US': 'en', 'es-US': 'es' };

/** A resolved proficiency routing setup. */
export interface ProficiencyRouting {
  /** Predefined attribute name, e.g. "Language". */
  readonly attribute: string;
  /** Attribute values (language codes), in config order. */
  readonly values: readonly string[];
  /** The queue of each value (en and es from `routing`, others from config). */
  readonly queues: ReadonlyMap<string, string>;
  /** Minimum proficiency of the first routing step, 1-5. */
  readonly minimumLevel: number;
  /** Expiry of the first routing step, in seconds. */
  readonly waitSeconds: number;
}

/** A problem at a key path under `proficiencyRouting`. */
export interface RoutingProblem {
  readonly path: string;
  readonly message: string;
}

/** What `routing` says, as far as proficiency routing needs it. */
export interface RoutesForProficiency {
  readonly default: string;
  readonly spanish?: string;
}

/**
 * Resolves `proficiencyRouting` (validated by its schema). Problems: a value listed twice, a
 * language with no queue (interpreted languages must name one), a queue that is not defined,
 * and a caller language of the jurisdiction whose value is not listed (the flows would ask for
 * a value the attribute does not have).
 */
export function resolveProficiencyRouting(
  config: ProficiencyRoutingConfig,
  routing: RoutesForProficiency,
  queueNames: readonly string[],
  languages: readonly string[],
): { routing: ProficiencyRouting; problems: RoutingProblem[] } {
  const problems: RoutingProblem[] = [];
  const defaults: Record<string, string> = { en: routing.default, es: routing.spanish ?? routing.default };
  const queues = new Map<string, string>();
  const seen = new Map<string, number>();
  config.languages.forEach((language, i) => {
    const first = seen.get(language.value);
    if (first !== undefined) {
      problems.push({ path: `languages[${i}].value`, message: `${JSON.stringify(language.value)} is listed twice (already languages[${first}]; list each language once)` });
      return;
    }
    seen.set(language.value, i);
    const queue = language.queue ?? (Object.hasOwn(defaults, language.value) ? defaults[language.value] : undefined);
    if (queue === undefined) {
      problems.push({
        path: `languages[${i}].queue`,
        message: `language ${JSON.stringify(language.value)} has no queue: interpreted calls need a queue where agents proficient in it take them (name one of: ${queueNames.join(', ')})`,
      });
      return;
    }
    if (!queueNames.includes(queue)) {
      problems.push({ path: `languages[${i}].queue`, message: `${JSON.stringify(queue)} is not a defined queue name (defined: ${queueNames.join(', ')})` });
      return;
    }
    queues.set(language.value, queue);
  });
  languages.forEach((language, i) => {
    const value = CALLER_LANGUAGE_VALUES[language];
    if (value !== undefined && !seen.has(value)) {
      problems.push({ path: 'languages', message: `has no ${JSON.stringify(value)} for caller language ${language} (languages[${i}]): the inbound flows route its callers by it (add { value: ${value} })` });
    }
  });
  return {
    routing: { attribute: config.attribute, values: [...seen.keys()], queues, minimumLevel: config.minimumLevel, waitSeconds: config.waitSeconds },
    problems,
  };
}

/**
 * The `${config:proficiency.*}` values of a jurisdiction: `proficiency.enabled` ("on"/"off",
 * the flows' switch), `proficiency.attribute`, `proficiency.level` (a float as text, "3.0"),
 * `proficiency.waitSeconds`, and `proficiency.value.<caller language>`. Always defined, so
 * the kit flows resolve whether the feature is on or not (when off, the flows never reach the
 * routing criteria actions).
 */
export function proficiencyConfigValues(config: ProficiencyRoutingConfig): Record<string, string> {
  const listed = new Set(config.languages.map((l) => l.value));
  const values: Record<string, string> = {
    'proficiency.enabled': config.enabled ? 'on' : 'off',
    'proficiency.attribute': config.attribute,
    // Connect takes the level as a float ("Valid values are: 1.0, 2.0, 3.0, 4.0 and 5.0").
    'proficiency.level': config.minimumLevel.toFixed(1),
    'proficiency.waitSeconds': String(config.waitSeconds),
  };
  for (const [language, value] of Object.entries(CALLER_LANGUAGE_VALUES)) {
    // A caller language the jurisdiction does not rate agents in never reaches its action: the
    // first listed value keeps the reference resolvable.
    values[`proficiency.value.${language}`] = listed.has(value) ? value : config.languages[0].value;
  }
  return values;
}
