#!/usr/bin/env bash
# `make load`: wrk with scripts/load.lua against a fresh `homeward serve`, then the checks.
#
# A new database in a temporary folder with LOAD_INQUIRIES inquiries, the server on a free
# loopback port, a coordinator's token, and
#   wrk -t LOAD_THREADS -c LOAD_CONNECTIONS -d LOAD_DURATION -s scripts/load.lua URL
# with HOMEWARD_TOKEN and HOMEWARD_LOAD_REFERENCES in its environment. Then SIGTERM to the
# server, which must exit 0 once the requests in flight are done, and the checks:
#   - no response other than 2xx and no socket error;
#   - no lost update: the contact entries in the database are at least the acknowledged ones
#     (201 with contact_count) and at most the ones sent (wrk stops with requests in flight,
#     which the server may still commit); the same for the inquiry updates' audit events;
#   - `homeward audit verify` (as the admin) reports the chain intact.
# Prints throughput and p50/p99 latency. The folder is removed when every check passes.
#
# HOMEWARD (the binary), LOAD_INQUIRIES (300), LOAD_THREADS (2), LOAD_CONNECTIONS (50),
# LOAD_DURATION (30s).
set -uo pipefail

HOMEWARD=${HOMEWARD:-homeward}
LOAD_INQUIRIES=${LOAD_INQUIRIES:-300}
LOAD_THREADS=${LOAD_THREADS:-2}
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-50}
LOAD_DURATION=${LOAD_DURATION:-30s}
here=$(cd "$(dirname "$0")" && pwd)
export HOMEWARD

work=$(mktemp -d "${TMPDIR:-/tmp}/homeward-load.XXXXXX")
server="$work/server"
"$here/api-server.sh" start "$server" "$LOAD_INQUIRIES" || { echo "load: no server (folder $work)" >&2; exit 1; }
url=$(cat "$server/url")
db="$server/homeward.sqlite"
contacts_before=$(sqlite3 "$db" 'SELECT count(*) FROM inquiry_contact')
updates_before=$(sqlite3 "$db" "SELECT count(*) FROM audit_event WHERE action = 'inquiry.update' AND outcome = 'ok'")

echo "load: wrk -t$LOAD_THREADS -c$LOAD_CONNECTIONS -d$LOAD_DURATION against $url ($LOAD_INQUIRIES inquiries)"
HOMEWARD_TOKEN=$(cat "$server/token") HOMEWARD_LOAD_REFERENCES="$server/references" \
  wrk -t"$LOAD_THREADS" -c"$LOAD_CONNECTIONS" -d"$LOAD_DURATION" --latency --timeout 10s \
  -s "$here/load.lua" "$url" > "$work/wrk.out" 2> "$work/wrk.err"
wrk_status=$?
cat "$work/wrk.out"
[ -s "$work/wrk.err" ] && { echo "load: wrk's stderr:"; cat "$work/wrk.err"; }

failed=""
"$here/api-server.sh" stop "$server" || failed="$failed server-exit"
[ "$wrk_status" -eq 0 ] || failed="$failed wrk-exit-$wrk_status"

read -r requests searches acknowledged updates errors socket_errors < <(sed -n \
  's/^load: requests \([0-9]*\), searches \([0-9]*\), contacts \([0-9]*\), updates \([0-9]*\), errors \([0-9]*\), socket errors \([0-9]*\)$/\1 \2 \3 \4 \5 \6/p' \
  "$work/wrk.out")
read -r sent sent_updates < <(sed -n 's/^load: sent contacts \([0-9]*\), sent updates \([0-9]*\)$/\1 \2/p' "$work/wrk.out")
if [ -z "${requests:-}" ] || [ -z "${socket_errors:-}" ] || [ -z "${sent:-}" ] || [ -z "${sent_updates:-}" ]; then
  echo "load: FAILED: wrk printed no summary (scripts/load.lua's done)" >&2
  exit 1
fi
[ "$requests" -gt 0 ] || failed="$failed no-requests"
[ "$errors" -eq 0 ] || failed="$failed non-2xx"
[ "$socket_errors" -eq 0 ] || failed="$failed socket-errors"

contacts=$(( $(sqlite3 "$db" 'SELECT count(*) FROM inquiry_contact') - contacts_before ))
updated=$(( $(sqlite3 "$db" "SELECT count(*) FROM audit_event WHERE action = 'inquiry.update' AND outcome = 'ok'") - updates_before ))
echo "load: contact entries in the database $contacts: acknowledged $acknowledged, sent $sent"
echo "load: inquiry updates audited $updated: acknowledged $updates, sent $sent_updates"
if [ "$contacts" -lt "$acknowledged" ] || [ "$contacts" -gt "$sent" ]; then failed="$failed lost-contacts"; fi
if [ "$updated" -lt "$updates" ] || [ "$updated" -gt "$sent_updates" ]; then failed="$failed lost-updates"; fi

# The audit chain, verified by the admin with the CLI on the file (the server has stopped).
source "$server/env"
echo 'correct horse battery staple' | "$HOMEWARD" login alice --password-stdin --quiet >/dev/null 2>&1
if "$HOMEWARD" audit verify > "$work/audit.out" 2>&1; then
  echo "load: audit verify: $(head -1 "$work/audit.out")"
else
  cat "$work/audit.out"; failed="$failed audit"
fi

if [ -n "$failed" ]; then
  echo "load: FAILED:$failed (wrk's output, the server's log and the database kept in $work)" >&2
  exit 1
fi
echo "load: passed: zero non-2xx, no lost update, the audit chain intact"
rm -rf "$work"
