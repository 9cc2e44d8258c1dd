#!/usr/bin/env bash
# Runs cfn-guard with the AWS Control Tower proactive-control rules over every synthesized template
# (cdk.out/, written by .ci/cfn-lint.sh; synthesized here if missing). The binary and the rules
# come from the pinned @cdklabs/cdk-validator-cfnguard package: nothing is downloaded.
# Fails on any failure not listed, with a reason, in lib/compliance/guard-exceptions.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

package=node_modules/@cdklabs/cdk-validator-cfnguard
case "$(uname -s)" in
  Linux) os=ubuntu ;;
  Darwin) os=macos ;;
  *) echo "cfn-guard: no bundled binary for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) echo "cfn-guard: no bundled binary for $(uname -m)" >&2; exit 1 ;;
esac
guard="$package/bin/$os/$arch/cfn-guard"
rules="$package/rules/control-tower/cfn-guard"
if [ ! -x "$guard" ] || [ ! -d "$rules" ]; then
  echo "cfn-guard: $guard or $rules is missing; run npm ci" >&2
  exit 1
fi

shopt -s nullglob
templates=(cdk.out/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  npx cdk synth --quiet --no-notices
  templates=(cdk.out/*.template.json)
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "$("$guard" --version) with $(find "$rules" -name '*.guard' | wc -l | tr -d ' ') Control Tower rule files over ${#templates[@]} templates"
# Two processes (CI has 2 cores), each reading the rules once for half of the templates. Exit code
# 19 means "some rule failed": the report below decides whether those failures are listed. Any
# other non-zero code is an error.
run_guard() {
  local out=$1 rc=0
  shift
  local args=()
  for t in "$@"; do args+=(--data "$t"); done
  "$guard" validate --rules "$rules" "${args[@]}" --output-format json --show-summary none --structured > "$out" || rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 19 ]; then
    echo "cfn-guard failed (exit $rc) on: $*" >&2
    return 1
  fi
}
half=$(( (${#templates[@]} + 1) / 2 ))
pids=()
run_guard "$out/first.json" "${templates[@]:0:half}" & pids+=($!)
if [ ${#templates[@]} -gt "$half" ]; then
  run_guard "$out/second.json" "${templates[@]:half}" & pids+=($!)
fi
for pid in "${pids[@]}"; do wait "$pid"; done
npx tsx bin/cfn-guard-report.ts "$out"/*.json
