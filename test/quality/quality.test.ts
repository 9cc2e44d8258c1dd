/**
 * The agent-quality specs (evaluation form, proficiency routing and hierarchy) run in one jest
 * test file: a file of its own paid about a CPU-second to start a jest environment and load the
 * kit. Each spec keeps its own file.
 */
import './evaluation-form.spec';
import './proficiency-and-hierarchy.spec';
