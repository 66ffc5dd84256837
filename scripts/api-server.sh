#!/usr/bin/env bash
# A fresh `homeward serve` for `make api-check` and `make load`, in a folder of its own.
#
#   scripts/api-server.sh start DIR ROWS   a new database in DIR (made, mode 0700; an earlier DIR is removed):
#                                          admin alice, coordinator olena, auditor vera, ROWS inquiries imported,
#                                          the server on a free loopback port; writes into DIR
#                                            url         the server's base URL
#                                            token       a bearer token of olena's (mode 0600)
#                                            references  the inquiries' references, one a line
#                                            env         HOME, XDG_STATE_HOME and HOMEWARD_DB to source for the CLI
#                                          with WITH_BATCH=1 also a remains batch of 20 records (its code
#                                          in batch) and the candidate links matching saves (link-ids)
#   scripts/api-server.sh token DIR [auditor|admin]   prints one more bearer token of olena's (or of
#                                          vera, an auditor, or alice, the admin)
#   scripts/api-server.sh stop DIR         SIGTERM, waits for the server to finish (60 s at most) and
#                                          exits with the server's own exit status
#
# HOMEWARD is the binary (default: homeward on PATH). The passwords are fixed: the folder is
# a throwaway test bed on loopback, never a real centre's database.
set -euo pipefail

HOMEWARD=${HOMEWARD:-homeward}
ADMIN_PASSWORD='correct horse battery staple'
COORDINATOR_PASSWORD='purple elephants dance at noon'
AUDITOR_PASSWORD='seven quiet lanterns over the river'
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "api-server: $*" >&2; exit 1; }

use_dir() {
  dir=$(cd "$1" && pwd)
  export HOME="$dir" XDG_STATE_HOME="$dir/state" HOMEWARD_DB="$dir/homeward.sqlite"
  unset HOMEWARD_SERVER
}

# A bearer token from POST /sessions: olena's (the coordinator), or vera's (the auditor) with `token auditor`.
token() {
  local url body name=olena password=$COORDINATOR_PASSWORD
  [ "${1:-}" = auditor ] && { name=vera; password=$AUDITOR_PASSWORD; }
  [ "${1:-}" = admin ] && { name=alice; password=$ADMIN_PASSWORD; }
  url=$(cat "$dir/url")
  body=$(curl -sS --max-time 30 -X POST "$url/sessions" -H 'content-type: application/json' \
    -d "{\"name\":\"$name\",\"password\":\"$password\"}") || fail "POST /sessions failed"
  python3 -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$body" 2>/dev/null \
    || fail "POST /sessions gave no token: $body"
}

start() {
  local rows=$2
  rm -rf "$1"
  install -d -m 700 "$1"
  use_dir "$1"
  printf 'export HOME=%q XDG_STATE_HOME=%q HOMEWARD_DB=%q\nunset HOMEWARD_SERVER\n' \
    "$HOME" "$XDG_STATE_HOME" "$HOMEWARD_DB" > "$dir/env"
  {
    echo "$ADMIN_PASSWORD" | "$HOMEWARD" init --admin alice --password-stdin
    echo "$ADMIN_PASSWORD" | "$HOMEWARD" login alice --password-stdin
    echo "$COORDINATOR_PASSWORD" | "$HOMEWARD" user add olena --role coordinator --password-stdin
    echo "$AUDITOR_PASSWORD" | "$HOMEWARD" user add vera --role auditor --password-stdin
    echo "$COORDINATOR_PASSWORD" | "$HOMEWARD" login olena --password-stdin
    if [ "$rows" -gt 0 ]; then
      python3 "$here/inquiries-csv.py" "$rows" > "$dir/inquiries.csv"
      "$HOMEWARD" inquiry import "$dir/inquiries.csv"
    fi
  } > "$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; fail "setting up $dir failed"; }
  "$HOMEWARD" inquiry list --json --limit 1000000 > "$dir/inquiries.json" 2>>"$dir/setup.log" \
    || { cat "$dir/setup.log" >&2; fail "inquiry list failed"; }
  python3 -c 'import json, sys; print("\n".join(i["reference"] for i in json.load(open(sys.argv[1]))))' \
    "$dir/inquiries.json" > "$dir/references"
  [ "$(grep -c . "$dir/references")" -eq "$rows" ] || fail "expected $rows references in $dir/references"
  if [ -n "${WITH_BATCH:-}" ] && [ "$rows" -gt 0 ]; then
    # A remains batch whose manifest names some of the inquiries' persons, and the candidate
    # links matching saves: record hits in search, links to list, confirm and reject.
    {
      "$HOMEWARD" batch add --date 2025-10-01 --kind remains --received 20 --regions UA-14,UA-09 --json > "$dir/batch.json"
      python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["code"])' "$dir/batch.json" > "$dir/batch"
      python3 - "$dir/inquiries.json" > "$dir/manifest.csv" <<'PY'
import csv, json, sys
out = csv.writer(sys.stdout, lineterminator="\r\n")
out.writerow(["tag", "kind", "name", "sex", "age_min", "age_max", "recovery_region", "recovery_place", "recovery_date"])
for n, inquiry in enumerate(json.load(open(sys.argv[1]))[:20]):
    name = f'{inquiry["family_name"]} {inquiry["given_name"]}' if n % 4 else ""
    out.writerow([f"R{n + 1:03d}", "remains", name, "male" if n % 5 else "unknown", 25, 45, "UA-14", "Бахмут", "2025-09-01"])
PY
      "$HOMEWARD" batch import-manifest "$(cat "$dir/batch")" "$dir/manifest.csv"
      "$HOMEWARD" match --batch "$(cat "$dir/batch")" --save
      "$HOMEWARD" link list --json > "$dir/links.json"
    } >> "$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; fail "adding a batch to $dir failed"; }
    python3 -c 'import json, sys; print("\n".join(str(l["id"]) for l in json.load(open(sys.argv[1]))))' \
      "$dir/links.json" > "$dir/link-ids"
  fi

  # The server in a subshell that keeps its exit status for `stop` (a crash too: errexit
  # must not end the subshell before it writes serve.rc).
  ( "$HOMEWARD" serve --listen 127.0.0.1:0 </dev/null >"$dir/serve.out" 2>"$dir/serve.err" &
    echo $! > "$dir/serve.pid"; status=0; wait $! || status=$?; echo "$status" > "$dir/serve.rc" ) &
  local url=""
  for _ in $(seq 300); do
    url=$(grep -o 'serving .* on http://127\.0\.0\.1:[0-9]*' "$dir/serve.err" 2>/dev/null | grep -o 'http://.*' || true)
    [ -n "$url" ] && break
    [ -e "$dir/serve.rc" ] && { cat "$dir/serve.err" >&2; fail "the server exited"; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$dir/serve.err" >&2; fail "the server did not say where it listens in 30 s"; }
  echo "$url" > "$dir/url"
  (umask 077; token > "$dir/token")
  echo "api-server: $url on $HOMEWARD_DB ($rows inquiries), pid $(cat "$dir/serve.pid")" >&2
}

stop() {
  use_dir "$1"
  local pid
  pid=$(cat "$dir/serve.pid" 2>/dev/null) || fail "no server was started in $dir"
  if [ -e "$dir/serve.rc" ]; then
    # Gone before its SIGTERM: it crashed, or something else on the machine stopped it
    # (its stderr ends in "stopped" after a SIGTERM or SIGINT it received).
    echo "api-server: the server (pid $pid) had already exited, with status $(cat "$dir/serve.rc"); its stderr says:" >&2
    grep -m1 -E 'Fatal error|Program crashed' "$dir/serve.err" >&2 || grep -v 'HomewardServer\] request$' "$dir/serve.err" | tail -5 >&2
    return 1
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 600); do
    [ -e "$dir/serve.rc" ] && break
    sleep 0.1
  done
  if [ ! -e "$dir/serve.rc" ]; then
    kill -KILL "$pid" 2>/dev/null || true
    fail "the server (pid $pid) did not stop within 60 s of SIGTERM; killed"
  fi
  local rc
  rc=$(cat "$dir/serve.rc")
  [ "$rc" -eq 0 ] || echo "api-server: the server exited with $rc after SIGTERM" >&2
  return "$rc"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || fail "usage: $0 start DIR ROWS"; start "$2" "$3" ;;
  token) [ $# -eq 2 ] || [ $# -eq 3 ] || fail "usage: $0 token DIR [auditor|admin]"; use_dir "$2"; token "${3:-}" ;;
  stop) [ $# -eq 2 ] || fail "usage: $0 stop DIR"; stop "$2" ;;
  *) fail "usage: $0 start DIR ROWS | token DIR [auditor|admin] | stop DIR" ;;
esac
