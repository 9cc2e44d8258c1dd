import { Construct } from 'constructs';
import type { JurisdictionConfig } from '../config/schema';
import { resolveProficiencyRouting } from '../quality/proficiency-routing';
import { AgentHierarchy } from './agent-hierarchy';
import { IConnectInstance } from './connect-instance';
import { EvaluationForm } from './evaluation-form';
import { LanguageProficiency } from './language-proficiency';

/** Properties of {@link AgentSide}. */
export interface AgentSideProps {
  /** The Amazon Connect instance. */
  readonly instance: IConnectInstance;
  /** The validated jurisdiction config (`evaluationForm`, `proficiencyRouting`, `agentHierarchy`). */
  readonly config: JurisdictionConfig;
}

/**
 * What supervisors and agents work with beyond queues: the quality evaluation form, the
 * language proficiency attribute the inbound flows route on, and the agent hierarchy, each
 * built only when the config turns it on.
 *
 * All three hold configuration, never caller data, so they live in the replaceable
 * contact-center stack rather than the stateful one (which keeps what must never be lost:
 * keys, recordings, records, tables and the instance).
 */
export class AgentSide extends Construct {
  /** The evaluation form, when `evaluationForm.enabled`. */
  public readonly evaluationForm?: EvaluationForm;
  /** The language proficiency attribute, when `proficiencyRouting.enabled`. */
  public readonly proficiency?: LanguageProficiency;
  /** The agent hierarchy, when `agentHierarchy` is given. */
  public readonly hierarchy?: AgentHierarchy;

  constructor(scope: Construct, id: string, props: AgentSideProps) {
    super(scope, id);
    const { config, instance } = props;
    if (config.evaluationForm.enabled) {
      this.evaluationForm = new EvaluationForm(this, 'EvaluationForm', { instance, form: config.evaluationForm, languages: config.languages });
    }
    if (config.proficiencyRouting.enabled) {
      const { routing, problems } = resolveProficiencyRouting(
        config.proficiencyRouting,
        config.routing,
        config.queues.map((q) => q.name),
        config.languages,
      );
      if (problems.length > 0) throw new Error(`${this.node.path}: proficiency routing is not valid: ${problems.map((p) => `proficiencyRouting.${p.path}: ${p.message}`).join('; ')}`);
      this.proficiency = new LanguageProficiency(this, 'LanguageProficiency', { instance, routing });
    }
    if (config.agentHierarchy) {
      this.hierarchy = new AgentHierarchy(this, 'Hierarchy', { instance, hierarchy: config.agentHierarchy });
    }
  }
}
