/**
 * Jest's order of test files, for two workers finishing together. Jest's own sequencer runs the
 * files that failed last time first, then the slowest by the durations it cached on the last run;
 * with no cache (a clean clone, as in CI) it falls back to file size, which put the slowest file
 * of all (test/app/your-jurisdictions.test.ts, one synthesis per jurisdiction in config/, 47
 * lines) last, alone on one worker while the other sat idle. Here a file with no cached duration
 * gets an estimate instead: the long poles below, measured on the 2-core machine, and the
 * jurisdictions test by the number of files in config/jurisdictions/. Files that failed last
 * time still come first; files known to neither keep jest's order (by size) after the others.
 */
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.join(__dirname, '..');

/** Seconds a file takes on one worker of the 2-core machine in a full run (a fresh clone's CI run), for the files over ~2 s. */
const LONG_POLES = {
  'test/stacks/example-apps.test.ts': 25,
  'test/app/synth.test.ts': 21,
  'test/config/fuzz.test.ts': 10,
  'test/constructs/constructs.test.ts': 8.8,
  'test/flows/flows.test.ts': 6.4,
  'test/lambdas/phone-number-model.test.ts': 6.4,
  'test/compliance/cached-validation.test.ts': 5.9,
  'test/web/widget.browser.test.ts': 5.5,
  'test/cli/main.test.ts': 5.4,
  'test/config/config.test.ts': 3,
  'test/cli/commands.test.ts': 2.7,
  'test/app/features-off.test.ts': 2.4,
};

/**
 * test/app/your-jurisdictions.test.ts: loading and one synthesis per jurisdiction in config/
 * (3.7 s with the 2 examples; each added jurisdiction about 0.75 s, measured with 6).
 */
function jurisdictionsEstimate() {
  const folder = path.join(ROOT, 'config', 'jurisdictions');
  const count = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).length : 0;
  return 2.2 + 0.75 * count;
}

/** Seconds a file is expected to take when jest has no duration for it, or undefined. */
function estimate(test) {
  const file = path.relative(ROOT, test.path).split(path.sep).join('/');
  if (file === 'test/app/your-jurisdictions.test.ts') return jurisdictionsEstimate();
  return LONG_POLES[file];
}

class KitSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = new Map(ordered.map((test, i) => [test, i]));
    // Jest's durations are milliseconds; a file known to neither counts 0 and keeps jest's order.
    // The estimate wins over a shorter cached duration: config/ may have grown since that run.
    const seconds = (test) => Math.max(test.duration != null ? test.duration / 1000 : 0, estimate(test) ?? 0);
    return [...ordered].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      if (failed !== 0) return failed;
      return seconds(b) - seconds(a) || rank.get(a) - rank.get(b);
    });
  }
}

module.exports = KitSequencer;
/** The estimates, for test/sequencer.test.ts. */
module.exports.LONG_POLES = LONG_POLES;
