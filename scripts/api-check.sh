#!/usr/bin/env bash
# `make api-check`: schemathesis against api/openapi.yaml on a fresh `homeward serve`.
#
# A new database in a temporary folder (admin alice, coordinator olena, auditor vera, API_INQUIRIES
# inquiries, a remains batch with candidate links), the server on a free loopback port, and
# schemathesis (`st`) run four times:
#   1. every operation but logout and the admin's (accounts, settings, db check, backup, export)
#      as olena, API_EXAMPLES cases each, with real references, link ids and
#      the batch code mixed into the generated values (so that requests reach the core, not
#      only its 404s);
#   2. the audit verification (GET /audit/verification) as an auditor, whom it is for;
#   3. logout (DELETE /sessions/current) alone, with a token of its own, since it ends the
#      session the first run works with;
#   4. accounts, settings, the database check, backup and export as the admin, whom they are for
#      (user names from olena, vera and random ones: the other runs are over by then), and last
#      the revocation of an account's sessions, which may be the admin's own.
# Then the server is stopped with SIGTERM and must exit 0. Fails on any schemathesis failure;
# the folder is kept then (its path is printed), removed otherwise.
#
# HOMEWARD (the binary), API_INQUIRIES (50), API_EXAMPLES (100), API_SEED (empty: a fresh
# seed, printed by schemathesis; a number repeats a run), API_CHECKS (below).
set -uo pipefail

HOMEWARD=${HOMEWARD:-homeward}
API_INQUIRIES=${API_INQUIRIES:-50}
API_EXAMPLES=${API_EXAMPLES:-100}
API_SEED=${API_SEED:-}
# No server error, and every response as the spec describes it: status, content type,
# headers and body schema. (positive_data_acceptance, negative_data_rejection and
# unsupported_method are left out: the spec's schemas are looser than the core's checks, on
# purpose, so valid-looking references or empty reasons are refused by the core.)
API_CHECKS=${API_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}
here=$(cd "$(dirname "$0")" && pwd)
spec="$here/../api/openapi.yaml"

work=$(mktemp -d "${TMPDIR:-/tmp}/homeward-api-check.XXXXXX")
server="$work/server"
export HOMEWARD
WITH_BATCH=1 "$here/api-server.sh" start "$server" "$API_INQUIRIES" || { echo "api-check: no server (folder $work)" >&2; exit 1; }
url=$(cat "$server/url")
token=$(cat "$server/token")
logout_token=$("$here/api-server.sh" token "$server") || { "$here/api-server.sh" stop "$server"; exit 1; }
auditor_token=$("$here/api-server.sh" token "$server" auditor) || { "$here/api-server.sh" stop "$server"; exit 1; }
admin_token=$("$here/api-server.sh" token "$server" admin) || { "$here/api-server.sh" stop "$server"; exit 1; }

# Real identifiers among the generated ones: 80% of path references, link ids, batch codes and
# record tags, half of the inquiry and batch filters.
python3 - "$server" > "$work/schemathesis.toml" <<'PY'
import json, sys
folder = sys.argv[1]
def lines(name):
    with open(f"{folder}/{name}") as f:
        return [line.strip() for line in f if line.strip()]
references = lines("references")[:40]
links = [int(i) for i in lines("link-ids")[:40]]
batch = lines("batch")
print("[dictionaries.references]\nvalues = " + json.dumps(references, ensure_ascii=False))
print("[dictionaries.links]\nvalues = " + json.dumps(links))
print("[dictionaries.batches]\nvalues = " + json.dumps(batch))
print("[dictionaries.users]\nvalues = " + json.dumps(["olena", "vera", "Olena"]))
print("[dictionaries.tags]\nvalues = " + json.dumps([f"R{n:03d}" for n in range(1, 21)]))
print('''[parameters]
"path.reference" = { dictionary = "references", probability = 0.8 }
"query.inquiry" = { dictionary = "references", probability = 0.5 }
"path.id" = { dictionary = "links", probability = 0.8 }
"query.batch" = { dictionary = "batches", probability = 0.5 }
"path.code" = { dictionary = "batches", probability = 0.8 }
"path.tag" = { dictionary = "tags", probability = 0.8 }
"path.name" = { dictionary = "users", probability = 0.7 }''')
PY

# schemathesis keeps its caches in the working folder: the temporary one.
cd "$work" || exit 1
seed=()
[ -n "$API_SEED" ] && seed=(--seed "$API_SEED")
common=(--url "$url" --checks "$API_CHECKS" --no-color --output-truncate false --request-timeout 30
        --generation-database none "${seed[@]}")
failed=""

# The admin's; revoking sessions runs last on its own (it may end the admin's own).
admin_operations=(listUsers createUser setUserRole setUserStatus setUserPassword assignBatch unassignBatch
                  listSettings setSetting unsetSetting checkDatabase createBackup exportDatabase)
echo "api-check: schemathesis, every operation but logout ($API_EXAMPLES examples each; log $work/operations.log)"
st --config-file "$work/schemathesis.toml" run "$spec" "${common[@]}" -H "Authorization: Bearer $token" \
  --max-examples "$API_EXAMPLES" --exclude-operation-id deleteCurrentSession \
  $(printf -- '--exclude-operation-id %s ' "${admin_operations[@]}" revokeUserSessions) \
  --report junit --report-junit-path "$work/operations.xml" >"$work/operations.log" 2>&1 || failed="$failed operations"
if grep -q '^=* FAILURES =*$' "$work/operations.log"; then
  sed -n '/^=* FAILURES =*$/,$p' "$work/operations.log" | grep -v '^\s*$' | head -600
else
  sed -n '/^=* SUMMARY =*$/,$p' "$work/operations.log" | grep -v '^\s*$'
fi
[ -s "$work/operations.log" ] || echo "api-check: schemathesis printed nothing" >&2

echo "api-check: schemathesis, the audit verification as an auditor (log $work/auditor.log)"
st run "$spec" "${common[@]}" -H "Authorization: Bearer $auditor_token" \
  --max-examples "$API_EXAMPLES" --include-operation-id verifyAudit >"$work/auditor.log" 2>&1 || failed="$failed auditor"
sed -n '/^=* FAILURES =*$/,$p' "$work/auditor.log" | grep -v '^\s*$' | head -100
tail -1 "$work/auditor.log"

echo "api-check: schemathesis, logout (log $work/logout.log)"
st run "$spec" "${common[@]}" -H "Authorization: Bearer $logout_token" \
  --max-examples 10 --include-operation-id deleteCurrentSession >"$work/logout.log" 2>&1 || failed="$failed logout"
sed -n '/^=* FAILURES =*$/,$p' "$work/logout.log" | grep -v '^\s*$' | head -100
tail -1 "$work/logout.log"

echo "api-check: schemathesis, accounts, settings, the database check, backup and export as the admin (log $work/admin.log)"
st --config-file "$work/schemathesis.toml" run "$spec" "${common[@]}" -H "Authorization: Bearer $admin_token" \
  --max-examples "$API_EXAMPLES" $(printf -- '--include-operation-id %s ' "${admin_operations[@]}") >"$work/admin.log" 2>&1 \
  || failed="$failed admin"
sed -n '/^=* FAILURES =*$/,$p' "$work/admin.log" | grep -v '^\s*$' | head -200
tail -1 "$work/admin.log"
st --config-file "$work/schemathesis.toml" run "$spec" "${common[@]}" -H "Authorization: Bearer $admin_token" \
  --max-examples 10 --include-operation-id revokeUserSessions >"$work/revoke.log" 2>&1 || failed="$failed revoke"
sed -n '/^=* FAILURES =*$/,$p' "$work/revoke.log" | grep -v '^\s*$' | head -100
tail -1 "$work/revoke.log"

"$here/api-server.sh" stop "$server" || failed="$failed server-exit"
# What reached the core: the responses per operation, from the server's access log.
echo "api-check: responses by route and status (the server's access log):"
sed -n -E 's/.*method=([A-Z]+).*route=([^ ]+) status=([0-9]+).*/\1 \2 \3/p' "$server/serve.err" | grep -v ' NotFound ' |
  sort | uniq -c | awk '{ line[$2 " " $3] = line[$2 " " $3] sprintf(" %s×%s", $4, $1) }
    END { for (k in line) printf "  %-40s%s\n", k, line[k] }' | sort
if grep -q 'status=5[0-9][0-9]' "$server/serve.err"; then
  echo "api-check: the server's log has 5xx responses:" >&2
  grep 'status=5[0-9][0-9]' "$server/serve.err" | sed -E 's/.*(method=[A-Z]+).*(route=[^ ]+) (status=[0-9]+).*/\1 \2 \3/' | sort | uniq -c >&2
  failed="$failed server-errors"
fi

if [ -n "$failed" ]; then
  echo "api-check: FAILED:$failed (logs, the server's stderr and the database kept in $work)" >&2
  exit 1
fi
echo "api-check: passed: no server error and every response as api/openapi.yaml describes"
rm -rf "$work"
