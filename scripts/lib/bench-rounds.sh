# scripts/bench's rounds: one round runs every tool once on the same work, in an order that turns
# with the round number, so that no tool always runs first on a cold cache or last on a warm one.
# Sourced, not run. Needs what bench-setup.sh sets, and $tsv (the results file).

# Runs a command under /usr/bin/time and appends "phase tool round seconds peak-RSS-MB load span"
# to $tsv (peak RSS: the largest process of the command; load: the 1-minute load average after it;
# span: from the first to the last time-stamped line Lifeboat logged, "-" for the others: the rest
# of Lifeboat's time is its start-up, configuration and exit). Its output goes to
# $env_dir/commands.log; a failure stops the benchmark, naming the command.
measure() {  # phase tool round command...
  local phase=$1 tool=$2 round=$3 elapsed rss_kb load span out=$env_dir/last-command.log
  shift 3
  echo "=== $phase $tool round $round: $*" >>"$env_dir/commands.log"
  if ! /usr/bin/time -f '%e %M' -o "$env_dir/time.out" "$@" >"$out" 2>&1; then
    cat "$out" >>"$env_dir/commands.log"
    tail -n 15 "$out" >&2
    echo "bench: $phase with $tool failed in round $round (log: $env_dir/commands.log)" >&2
    exit 1
  fi
  cat "$out" >>"$env_dir/commands.log"
  read -r elapsed rss_kb <"$env_dir/time.out"
  load=$(cut -d' ' -f1 /proc/loadavg)
  span=$(log_span "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$tool" "$round" "$elapsed" $((rss_kb / 1024)) "$load" "$span" >>"$tsv"
  printf 'bench: round %s %-14s %-16s %7.2f s  %4d MB  load %s\n' "$round" "$phase" "$tool" "$elapsed" $((rss_kb / 1024)) "$load" >&2
}

# Seconds from the first to the last line of $1 that starts with Lifeboat's time stamp; "-" if none.
log_span() {
  python3 - "$1" <<'PY'
import datetime, re, sys
stamps = [datetime.datetime.fromisoformat(m[1]) for line in open(sys.argv[1], errors="replace")
          if (m := re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?)Z ", line))]
print(f"{(stamps[-1] - stamps[0]).total_seconds():.2f}" if stamps else "-")
PY
}

# The tools in round $1's order: the list turned left by the round number.
turned() {  # round tool...
  local round=$1 n i
  shift
  n=$#
  local tools=("$@")
  for ((i = 0; i < n; i++)); do echo "${tools[(i + round) % n]}"; done
}

pg_backup() {  # tool round
  local repo=$peers/$1-r$2
  case $1 in
    pg_dump) measure pg-backup "$1" "$2" env "${prod_env[@]}" bash -o pipefail -c 'pg_dump -Fc -Z0 bench >/dev/null' ;;
    lifeboat) measure pg-backup "$1" "$2" "$lifeboat" backup --config "$env_dir/pg.yaml" ;;
    shell) measure pg-backup "$1" "$2" env "${prod_env[@]}" bash -o pipefail -c \
      'pg_dump -Fc -Z0 bench | zstd -3 -q | age -r "$1" | "${@:3}" "cat > $2"' _ "$recipient" "$repo.age" "${ssh_cmd[@]}" ;;
    restic)
      restic -q -r "sftp:$ssh_user@127.0.0.1:$repo" -o "$restic_sftp" init --repository-version 2 >>"$env_dir/commands.log"
      measure pg-backup "$1" "$2" env "${prod_env[@]}" bash -o pipefail -c \
        'pg_dump -Fc -Z0 bench | restic -q -r "$1" -o "$2" backup --stdin --stdin-filename bench.dump' _ \
        "sftp:$ssh_user@127.0.0.1:$repo" "$restic_sftp" ;;
    borg)
      borg init -e repokey-blake2 "ssh://$ssh_user@127.0.0.1:$ssh_port$repo" >>"$env_dir/commands.log" 2>&1
      measure pg-backup "$1" "$2" env "${prod_env[@]}" bash -o pipefail -c \
        'pg_dump -Fc -Z0 bench | borg create --compression zstd,3 --stdin-name bench.dump "$1::bench" -' _ \
        "ssh://$ssh_user@127.0.0.1:$ssh_port$repo" ;;
  esac
}

# Each peer restores into a new database; Lifeboat into `bench` (scratch database, counts, swap).
pg_restore_run() {  # tool round
  local repo=$peers/$1-r$2 db=bench_$1
  [[ $1 == lifeboat ]] || env "${staging_env[@]}" createdb "$db"
  case $1 in
    lifeboat) db=bench; measure pg-restore "$1" "$2" "$lifeboat" restore --config "$env_dir/staging-pg.yaml" ;;
    shell) measure pg-restore "$1" "$2" env "${staging_env[@]}" bash -o pipefail -c \
      '"${@:4}" "cat $1" | age -d -i "$2" | zstd -d -q | pg_restore -d "$3"' _ "$repo.age" "$env_dir/keys/age-identity.txt" "$db" "${ssh_cmd[@]}" ;;
    restic) measure pg-restore "$1" "$2" env "${staging_env[@]}" bash -o pipefail -c \
      'restic -q -r "$1" -o "$2" dump latest /bench.dump | pg_restore -d "$3"' _ "sftp:$ssh_user@127.0.0.1:$repo" "$restic_sftp" "$db" ;;
    borg) measure pg-restore "$1" "$2" env "${staging_env[@]}" bash -o pipefail -c \
      'borg extract --stdout "$1::bench" | pg_restore -d "$2"' _ "ssh://$ssh_user@127.0.0.1:$ssh_port$repo" "$db" ;;
  esac
  check_rows "$db" "$1"
  [[ $1 == lifeboat ]] || env "${staging_env[@]}" dropdb "$db"
}

# A restore that lost rows is no fast restore: the copy must hold what production holds.
check_rows() {  # database tool
  local found
  found=$(env "${staging_env[@]}" psql -X -tAq -d "$1" -c 'SELECT count(*) FROM documents')
  ((found == doc_rows)) || { echo "bench: $2's restore holds $found documents, production $doc_rows" >&2; exit 1; }
}

pg_round() {  # round
  local tool
  for tool in $(turned "$1" lifeboat shell restic borg pg_dump); do pg_backup "$tool" "$1"; done
  for tool in $(turned "$1" lifeboat shell restic borg); do pg_restore_run "$tool" "$1"; done
}

# A night of MinIO: Lifeboat in clone and in rsync mode into environments of this round (the
# first night finds nothing before it), rclone into a folder of this round.
minio_night() {  # phase tool round
  case $2 in
    clone|rsync) measure "$1" "$2" "$3" env LIFEBOAT_ENVIRONMENT="bench-$2-r$3" "$lifeboat" backup --config "$env_dir/minio-$2.yaml" ;;
    rclone) measure "$1" "$2" "$3" rclone sync --transfers 4 prod:documents "store:peers/rclone-r$3/documents" ;;
  esac
}

minio_restore() {  # tool round
  case $1 in
    clone|rsync) measure minio-restore "$1" "$2" \
      env LIFEBOAT_RESTORE_SOURCE_ENVIRONMENT="bench-$1-r$2" "$lifeboat" restore --config "$env_dir/staging-minio.yaml"
      check_objects documents "$1" ;;
    rclone)
      rclone purge stage:documents-rclone >/dev/null 2>&1 || true
      measure minio-restore "$1" "$2" rclone sync --transfers 4 "store:peers/rclone-r$2/documents" stage:documents-rclone
      check_objects documents-rclone "$1" ;;
  esac
}

check_objects() {  # staging bucket, tool
  local want found
  want=$("$servers/s3proxy-client" "$env_dir/s3-production" counts | awk '$1 == "documents" { print $2, $3 }')
  found=$("$servers/s3proxy-client" "$env_dir/s3-staging" counts | awk -v b="$1" '$1 == b { print $2, $3 }')
  [[ $found == "$want" ]] || { echo "bench: $2's restore holds $found (objects bytes), production $want" >&2; exit 1; }
}

minio_round() {  # round
  local tool phase
  for phase in minio-first minio-same; do
    for tool in $(turned "$1" clone rsync rclone); do minio_night "$phase" "$tool" "$1"; done
  done
  "$root/scripts/lib/bench-objects" change "$env_dir/objects" "$1" | sed 's/^/bench: 1 % change: /' >&2
  rclone sync --transfers 8 "$env_dir/objects" prod:documents
  for tool in $(turned "$1" clone rsync rclone); do minio_night minio-changed "$tool" "$1"; done
  for tool in $(turned "$1" clone rsync rclone); do minio_restore "$tool" "$1"; done
}

# The last round's stores stay for the start-up rows; earlier ones go, for the disk's sake.
minio_forget() {  # round
  rm -rf "$store_root/bench-clone-r$1" "$store_root/bench-rsync-r$1" "$peers/rclone-r$1"
}

startup_round() {  # round last-round
  local tool last=$2
  for tool in $(turned "$1" version help list restic borg rclone); do
    case $tool in
      version|help) measure "start-$tool" lifeboat "$1" "$lifeboat" "--$tool" ;;
      list) measure start-list lifeboat "$1" "$lifeboat" list --config "$env_dir/pg.yaml" ;;
      restic) measure start-list restic "$1" restic -r "sftp:$ssh_user@127.0.0.1:$peers/restic-r$last" -o "$restic_sftp" snapshots ;;
      borg) measure start-list borg "$1" borg list "ssh://$ssh_user@127.0.0.1:$ssh_port$peers/borg-r$last" ;;
      rclone) measure start-list rclone "$1" rclone lsf "store:peers/rclone-r$last" ;;
    esac
  done
}
