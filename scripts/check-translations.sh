#!/usr/bin/env bash
# Every German text has its English: collects the messages of a copy of the code (so the
# catalogue in the working tree is never touched) and lists any without a translation.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/zukunftszentrum" "$work/"
cd "$work/zukunftszentrum"
PYTHONPATH="$root" DJANGO_SETTINGS_MODULE=config.settings.test \
  "${PYTHON:-python}" -m django makemessages -l en --no-obsolete >/dev/null 2>&1
missing="$(msgattrib --untranslated --no-location --no-wrap locale/en/LC_MESSAGES/django.po \
  | grep '^msgid "' | grep -v '^msgid ""$' || true)"
if [[ -n "$missing" ]]; then
  echo "German texts without English (add them to zukunftszentrum/locale/en/LC_MESSAGES/django.po):"
  echo "$missing"
  exit 1
fi
echo "Every German text has its English."
