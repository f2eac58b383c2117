#!/usr/bin/env bash
# Copy KERN UX (EUPL-1.2) from node_modules into the static files, with its licence.
# Run after changing the version in package.json: npm install && scripts/vendor-kern.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@kern-ux/native
dst=zukunftszentrum/core/static/vendor/kern
rm -rf "$dst"
mkdir -p "$dst/fonts/fira-sans"
cp "$src/dist/kern.min.css" "$src/LICENSE.md" "$src/package.json" "$dst/"
cp "$src/dist/fonts/fira-sans.css" "$dst/fonts/"
# Only the font files the stylesheet references.
grep -o 'fira-sans/[A-Za-z-]*\.woff2' "$src/dist/fonts/fira-sans.css" | sort -u |
  while read -r f; do cp "$src/dist/fonts/$f" "$dst/fonts/$f"; done
echo "KERN $(node -p "require('./$src/package.json').version") vendored into $dst"
