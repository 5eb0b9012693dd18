#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with the Bicep compiler from the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (restored by tests/VoucherFunctions.Infra.Tests, version in
# Directory.Packages.props). Fails on any error and on any warning: bicep exits 0 on warnings, so its
# output is read too. Set BICEP_PATH to use another compiler (e.g. on a machine that is not linux-x64).
set -uo pipefail
cd "$(dirname "$0")/.."

bicep="${BICEP_PATH:-}"
if [ -z "$bicep" ]; then
  dotnet restore tests/VoucherFunctions.Infra.Tests -nologo -v:q >/dev/null || { echo "restore of the Bicep compiler failed" >&2; exit 1; }
  bicep=$(dotnet msbuild tests/VoucherFunctions.Infra.Tests -t:PrintBicepPath -nologo -v:m | sed -n 's/^ *BICEP=//p' | tail -n 1)
fi
if [ ! -f "$bicep" ]; then
  echo "Bicep compiler not found (looked for '$bicep')" >&2
  exit 1
fi
[ -x "$bicep" ] || chmod +x "$bicep" || exit 1
"$bicep" --version || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

echo "-- bicep build infra/main.bicep"
"$bicep" build infra/main.bicep --outfile "$work/main.json" >"$work/build.log" 2>&1 || status=1
cat "$work/build.log"

for file in infra/main.bicep infra/modules/*.bicep; do
  echo "-- bicep lint $file"
  "$bicep" lint "$file" >"$work/lint.log" 2>&1 || status=1
  cat "$work/lint.log" >>"$work/all.log"
  cat "$work/lint.log"
done
cat "$work/build.log" >>"$work/all.log"

# Diagnostics read "file(line,col) : Warning|Error code: message".
if grep -Eq ': (Warning|Error) ' "$work/all.log"; then
  echo "Bicep reported warnings or errors (warnings fail CI)" >&2
  status=1
fi
[ -s "$work/main.json" ] || { echo "bicep build wrote no ARM template" >&2; status=1; }

if [ "$status" -eq 0 ]; then
  echo "Bicep: build and lint clean"
fi
exit "$status"
