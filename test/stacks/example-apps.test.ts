/**
 * The specs that read the two example jurisdictions as the app builds them, run in one jest test
 * file so that they share one build and synthesis of the examples (sharedSynthesis in
 * test/helpers/examples.ts, with the nag packs and path metadata on as `cdk synth` has them):
 * each file of its own paid about 3 to 5 CPU-seconds for loading the kit and building the same
 * app again. Each spec keeps its own file, named for what it proves; specs that change a config
 * still build their own app. The audit pack's spec (the audit pack, nag, tags and cfn-guard on
 * the synthesized examples) reads the same synthesis. test/kit-app.spec.ts (the shared
 * validate/synth path over the examples) runs here too, for the kit and aws-cdk-lib loaded once.
 */
import '../constructs/agent-side.spec';
import '../constructs/contact-flows.spec';
import '../constructs/contact-center-functions.spec';
import '../analytics/contact-records-readable.spec';
import './agent-view.spec';
import './contact-center-stack.spec';
import './analytics-stack.spec';
import './bot-roles.spec';
import './contact-record-delivery-update.spec';
import './follow-up.spec';
import './key-policies.spec';
import './recorded-prompts.spec';
import './stateful-ids.spec';
import './stateful-stack.spec';
import '../kit-app.spec';
import '../audit/audit-pack.spec';
