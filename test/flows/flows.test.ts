/**
 * The flow specs (loader, references, lint, import, diagrams, the simulator) run in one jest test
 * file: each file of its own paid a jest environment and loaded the flow modules again, and the
 * simulator specs each loaded the examples' simulations (exampleSimulations in
 * test/helpers/simulations.ts now loads them once). Each spec keeps its own file, named for what
 * it proves.
 */
import './simulator/simulator.spec';
import './simulator/bot-roles.spec';
import './simulator/routing-criteria.spec';
import './agent-view.spec';
import './actions.spec';
import './attribute-contract.spec';
import './chat-web-topic.spec';
import './context.spec';
import './diagram.spec';
import './fidelity.spec';
import './import.spec';
import './lint.spec';
import './loader.spec';
import './memo.spec';
import './redaction-fail-closed.spec';
import './references.spec';
