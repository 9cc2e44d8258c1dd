/**
 * The bot specs (definitions, rendering, import, lint rules) run in one jest test file: each file
 * of its own paid a jest environment and loaded zod, yaml and the bot modules again for a few
 * assertions (about 0.15 CPU-seconds a file in a warm jest worker). Each spec keeps its own file,
 * named for what it proves.
 */
import './citizen-services.spec';
import './json-schema.spec';
import './loader.spec';
import './render.spec';
import './survey-answers.spec';
import './import/lex-export.spec';
import './lint/index.spec';
import './lint/duplicate-name.spec';
import './lint/duplicate-utterance.spec';
import './lint/intent-parity.spec';
import './lint/locale-not-in-region.spec';
import './lint/slot-type-pattern.spec';
import './lint/slot-type-without-values.spec';
import './lint/too-few-utterances.spec';
import './lint/undefined-slot-type.spec';
import './lint/undefined-slot.spec';
