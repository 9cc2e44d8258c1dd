#!/usr/bin/env bash
# Synthesizes every jurisdiction (aws-cdk-lib validation on, as errors, per cdk.json) and runs
# cfn-lint against us-gov-west-1 over every template. Fails if cfn-lint is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not installed: it is required to check the templates against us-gov-west-1 (pip install cfn-lint)." >&2
  exit 1
fi

rm -rf cdk.out
npx cdk synth --quiet --no-notices
shopt -s nullglob
templates=(cdk.out/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "cdk synth produced no templates" >&2
  exit 1
fi
echo "cfn-lint $(cfn-lint --version | awk '{print $2}') over ${#templates[@]} templates (us-gov-west-1)"
# No rule is ignored. cfn-lint's exit code is a bitmask (2 error, 4 warning, 8 info);
# --non-zero-exit-code error makes only errors fail the run. Warnings are still printed.
cfn-lint --regions us-gov-west-1 --non-zero-exit-code error -- "${templates[@]}"
echo "cfn-lint: 0 errors"
