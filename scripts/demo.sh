#!/usr/bin/env bash
# The demo: a fresh embedded SQLite database with accounts, the 2025 exchanges, a sample of
# inquiries and a partial manifest, then the searches a coordinator would run.
# Usage: scripts/demo.sh PATH/TO/homeward DEMO_DIR
set -euo pipefail
bin=$1
dir=$2
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$dir"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
export HOMEWARD_DB="$dir/homeward.sqlite" XDG_STATE_HOME="$dir/state"
unset HOMEWARD_TOKEN
# Demo-only passphrases; real deployments type theirs at the prompt.
admin_pw="river stones remember every flood"
staff_pw="quiet lanterns over the harbour"
say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "homeward $*"; "$bin" "$@"; }

say "homeward init --admin admin --password-stdin"
echo "$admin_pw" | "$bin" init --admin admin --password-stdin
echo "$admin_pw" | "$bin" login admin --password-stdin
for account in olena:coordinator taras:volunteer iryna:auditor; do
  echo "$staff_pw" | "$bin" user add "${account%%:*}" --role "${account##*:}" --password-stdin
done
run user list
echo "$staff_pw" | "$bin" login olena --password-stdin

# Batches from public 2025 figures (dates illustrative).
run batch add --date 2025-06-14 --kind remains --received 1212 --handed-over 27 \
  --regions "Donetsk,Luhansk,Kherson,Zaporizhzhia,Kharkiv,Kursk" \
  --agreement "Istanbul, 2025-06-02" \
  --source "Coordination HQ for the Treatment of POWs|2025-06-14|1,212 bodies returned to Ukraine, 27 handed over"
b1=$("$bin" batch list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')
run batch add --date 2025-09-18 --kind remains --received 1000 --handed-over 38 --regions "Донецька,Запорожье,UA-63"
run batch add --date 2025-08-14 --kind pow_exchange --received 84 --handed-over 84 --regions UA-14,UA-09
run batch status "$b1" completed --note "transfer confirmed by both sides"
run batch import-manifest "$b1" "$here/examples/manifest-remains.csv"
run batch show "$b1"

run inquiry import "$here/examples/inquiries.csv" --dry-run
run inquiry import "$here/examples/inquiries.csv"
run inquiry list --region Donetsk
run search "Shevchenko Oleksii"
run search "Шевченко Олексій"
run search Shevchenco
run search "Bondarenko Yuri"
run translit "Шевченко Олексій" "Згурський" "Знам'янка"
run translit --lang ru "Соловьёв Артём"

run match --batch "$b1" --save --top 2

# Family reports: the centre's contacts are settings an admin sets (fictional here).
echo "$admin_pw" | "$bin" login admin --password-stdin
run settings set centre.name "Homeward demo centre (fictional)"
run settings set centre.name.uk "Демонстраційний центр Homeward (вигаданий)"
run settings set centre.phone "+380 44 000 00 00"
echo "$staff_pw" | "$bin" login olena --password-stdin
ref=$("$bin" inquiry list --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["reference"])')
for lang in uk en ru; do run report family "$ref" --lang "$lang" -o "$dir/family-report-$lang.html"; done
run report family "$ref" --lang en --format txt

echo "$admin_pw" | "$bin" login admin --password-stdin
run audit verify
run db check

cat <<NEXT

The demo database is $HOMEWARD_DB (mode 0600); its session token is under $XDG_STATE_HOME.
Try next, with the same environment:
  export HOMEWARD_DB=$HOMEWARD_DB XDG_STATE_HOME=$XDG_STATE_HOME
  echo "$staff_pw" | $bin login olena --password-stdin
  $bin inquiry show \$($bin inquiry list --limit 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["reference"])')
  $bin search "Tkachenko Dmytro"      # any script, common spellings, typos
  $bin audit log --limit 10           # every change, chained by SHA-256
  open $dir/family-report-uk.html     # the family reports written above (uk, en, ru)
NEXT
