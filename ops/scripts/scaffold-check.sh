#!/usr/bin/env bash
# Proves that `npm run agency:new` stays true to the README: in a temporary copy of this tree, a
# throwaway agency is scaffolded, then the tree builds (tsc -b), composes (writing the copy's own
# schema/), passes agencies:check, and the agency's scaffolded tests pass. This tree is not touched.
# The copy takes the build output along (tsc -b then rebuilds only what the new agency changes)
# and links node_modules entry by entry: the @gnbv/* workspace links point into the copy.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-scaffold-probe}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/gnbv-scaffold-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
say() { printf 'scaffold-check: %s\n' "$*"; }

say "copying the tree to $tmp"
tar -C "$root" --exclude=node_modules --exclude=./.git --exclude=./.data --exclude=.turbo --exclude=./coverage -cf - . | tar -C "$tmp" -xf -
mkdir -p "$tmp/node_modules/@gnbv"
for entry in "$root"/node_modules/* "$root"/node_modules/.[!.]*; do
  [ -e "$entry" ] || continue
  [ "$(basename "$entry")" = "@gnbv" ] || ln -s "$entry" "$tmp/node_modules/$(basename "$entry")"
done
cp -P "$root"/node_modules/@gnbv/* "$tmp/node_modules/@gnbv/"
while IFS= read -r nested; do
  ln -s "$root/$nested" "$tmp/$nested"
done < <(cd "$root" && find . -mindepth 2 -maxdepth 4 -name node_modules -type d -not -path './node_modules/*' -prune | sed 's|^\./||')

cd "$tmp"
say "npm run agency:new -- $name"
node -r @swc-node/register ops/src/agency-new.ts "$name"
say "tsc -b"
npx tsc -b
say "compose (into the copy's schema/)"
node ops/dist/compose.js
grep -q "@join__graph(name: \"$name\"" schema/supergraph.graphql || { say "the supergraph has no $name subgraph"; exit 1; }
say "agencies:check"
node -r @swc-node/register ops/src/agencies-check.ts
say "the scaffolded tests"
NODE_OPTIONS=--experimental-vm-modules npx jest "subgraphs/$name/" --selectProjects unit
say "ok: $name scaffolded, built, composed, checked and tested"
