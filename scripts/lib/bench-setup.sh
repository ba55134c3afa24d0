# scripts/bench's set-up: servers, keys, data and the configurations of Lifeboat and its peers.
# Sourced, not run. Needs $root, $env_dir, $servers, $lifeboat, $ssh_user set by the caller.

# Production and staging PostgreSQL and S3 stand-ins, and the sshd (the backup server of everyone).
bench_start_servers() {
  prod_port=$(free_port); staging_port=$(free_port); ssh_port=$(free_port)
  s3_prod_port=$(free_port); s3_staging_port=$(free_port)
  "$servers/postgres" start "$env_dir/production" "$prod_port"
  "$servers/postgres" start "$env_dir/staging" "$staging_port"
  "$servers/sshd" start "$env_dir/sshd" "$ssh_port" "$ssh_user"
  "$servers/s3proxy" start "$env_dir/s3-production" "$s3_prod_port"
  "$servers/s3proxy" start "$env_dir/s3-staging" "$s3_staging_port"
  home=$(getent passwd "$ssh_user" | cut -d: -f6)
  store_root=$home/lifeboat-bench
  peers=$home/peers
  rm -rf "$store_root" "$peers"
  install -d -m 750 -o "$ssh_user" "$store_root" "$peers"
}

bench_stop_servers() {
  local d
  for d in production staging; do
    [[ -d $env_dir/$d ]] && "$servers/postgres" stop "$env_dir/$d" 2>/dev/null || true
    [[ -d $env_dir/s3-$d ]] && "$servers/s3proxy" stop "$env_dir/s3-$d" 2>/dev/null || true
  done
  [[ -d $env_dir/sshd ]] && "$servers/sshd" stop "$env_dir/sshd" 2>/dev/null || true
}

# Lifeboat's keys (one SSH key for every tool: the same account on the same server) and the
# peers' secrets, each in a 0600 file that no argv names the content of.
bench_keys() {
  "$lifeboat" keygen --out "$env_dir/keys" >/dev/null
  "$lifeboat" keygen --state --out "$env_dir/state-keys" >/dev/null
  "$servers/sshd" authorize "$env_dir/sshd" "$ssh_user" "$env_dir/keys/ssh_ed25519.pub"
  recipient=$(cat "$env_dir/keys/age-recipients.txt")
  (umask 077
   od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$env_dir/peer-password"
   printf '[prod]\ntype = s3\nprovider = Other\nendpoint = http://127.0.0.1:%s\naccess_key_id = %s\nsecret_access_key = %s\n\n' \
     "$s3_prod_port" "$(head -n1 "$env_dir/s3-production/access-key")" "$(head -n1 "$env_dir/s3-production/secret-key")"
   printf '[stage]\ntype = s3\nprovider = Other\nendpoint = http://127.0.0.1:%s\naccess_key_id = %s\nsecret_access_key = %s\n\n' \
     "$s3_staging_port" "$(head -n1 "$env_dir/s3-staging/access-key")" "$(head -n1 "$env_dir/s3-staging/secret-key")"
   printf '[store]\ntype = sftp\nhost = 127.0.0.1\nport = %s\nuser = %s\nkey_file = %s\nknown_hosts_file = %s\n' \
     "$ssh_port" "$ssh_user" "$env_dir/keys/ssh_ed25519" "$env_dir/sshd/known_hosts") >"$env_dir/rclone.conf"
  ssh_cmd=(ssh -i "$env_dir/keys/ssh_ed25519" -o UserKnownHostsFile="$env_dir/sshd/known_hosts" -o StrictHostKeyChecking=yes
           -o BatchMode=yes -p "$ssh_port" "$ssh_user@127.0.0.1")
  export RCLONE_CONFIG=$env_dir/rclone.conf
  # rclone 1.60's S3 client refuses to start when AWS_CA_BUNDLE is set ("unsupported transport");
  # the stand-ins speak plain HTTP on loopback, so no CA is wanted
  unset AWS_CA_BUNDLE
  export RESTIC_PASSWORD_FILE=$env_dir/peer-password RESTIC_CACHE_DIR=$env_dir/restic-cache
  export BORG_PASSCOMMAND="cat $env_dir/peer-password" BORG_BASE_DIR=$env_dir/borg-base
  export BORG_RSH="ssh -i $env_dir/keys/ssh_ed25519 -o UserKnownHostsFile=$env_dir/sshd/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes"
  restic_sftp="sftp.command=ssh -i $env_dir/keys/ssh_ed25519 -o UserKnownHostsFile=$env_dir/sshd/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -p $ssh_port $ssh_user@127.0.0.1 -s sftp"
}

# The PG* variables that reach a cluster (password through its PGPASSFILE), for `env`.
pg_vars() { echo "PGHOST=127.0.0.1 PGPORT=$(cat "$env_dir/$1/port") PGUSER=postgres PGPASSFILE=$env_dir/$1/pgpass"; }

# Database `bench` of about $1 MB of pg_dump -Fc -Z0 output: a fifth pgbench (compresses ~100:1),
# four fifths registry documents as JSON and codes (~3:1), so the whole compresses 2-5:1.
bench_pg_data() {
  local mb=$1 scale rows
  scale=$(( (mb + 49) / 50 ))
  rows=$(( mb * 4 / 5 * 4400 ))  # ~230 bytes of dump output a row
  read -ra prod_env <<<"$(pg_vars production)"
  read -ra staging_env <<<"$(pg_vars staging)"
  env "${prod_env[@]}" createdb bench
  env "${prod_env[@]}" pgbench -i -q -s "$scale" bench 2>&1 | tail -1
  env "${prod_env[@]}" psql -X -q -v ON_ERROR_STOP=1 -d bench <<SQL
CREATE TABLE documents (id bigint PRIMARY KEY, kind text NOT NULL, registered date NOT NULL, body jsonb NOT NULL, code text);
INSERT INTO documents
SELECT g, (ARRAY['birth','marriage','death','amendment'])[1 + g % 4], date '1920-01-01' + (random() * 38000)::int,
       jsonb_build_object('given', (ARRAY['Ana','Bruno','Carla','Diego','Elena','Fabio','Gloria','Hugo','Irene','Jorge'])[1 + (random() * 9)::int],
                          'family', (ARRAY['Alvarez','Benitez','Castro','Diaz','Flores','Garcia','Lopez','Moreno','Perez','Ramos'])[1 + (random() * 9)::int],
                          'office', (random() * 400)::int, 'registry', 'civil-' || (random() * 40)::int,
                          'witnesses', jsonb_build_array(md5(random()::text), md5(random()::text))),
       translate(md5(random()::text), '0123456789', 'ghijklmnop')
FROM generate_series(1, $rows) g;
SQL
  env "${prod_env[@]}" psql -X -q -d bench -c 'VACUUM ANALYZE'
  doc_rows=$rows
  pg_dump_bytes=$(env "${prod_env[@]}" pg_dump -Fc -Z0 bench | wc -c)
  pg_zstd_bytes=$(env "${prod_env[@]}" pg_dump -Fc -Z0 bench | zstd -3 -q | wc -c)
}

# $1 objects on production's S3 stand-in, bucket `documents`, put there by rclone from $env_dir/objects.
bench_minio_data() {
  "$root/scripts/lib/bench-objects" generate "$env_dir/objects" "$1" >/dev/null
  rclone copy --transfers 8 "$env_dir/objects" prod:documents
  read -r _ object_count object_bytes < <("$servers/s3proxy-client" "$env_dir/s3-production" counts | grep '^documents ')
  objects_zstd_bytes=$(tar -C "$env_dir/objects" -cf - . | zstd -3 -q | wc -c)
}

bench_store_yaml() {  # environment name
  cat <<YAML
lifeboat:
  environment: $1
  store:
    type: sftp
    root: $store_root
    sftp:
      host: 127.0.0.1
      port: $ssh_port
      user: $ssh_user
      private-key-file: $env_dir/keys/ssh_ed25519
      known-hosts-file: $env_dir/sshd/known_hosts
YAML
}

bench_backup_yaml() {  # environment name
  bench_store_yaml "$1"
  cat <<YAML
  backup:
    recipients-file: $env_dir/keys/age-recipients.txt
    signing-key-file: $env_dir/keys/manifest-signing-key
    state-identity-file: $env_dir/state-keys/state-identity.txt
    prune-after-backup: false
  datastores:
YAML
}

bench_minio_yaml() {  # s3 folder, port, [extra line]
  cat <<YAML
    minio:
      endpoint: http://127.0.0.1:$2
      access-key: $(head -n1 "$env_dir/$1/access-key")
      secret-key-file: $env_dir/$1/secret-key
YAML
  [[ -z ${3:-} ]] || echo "      $3"
}

# pg.yaml, minio-clone.yaml, minio-rsync.yaml (production) and staging-pg.yaml,
# staging-minio.yaml; each round picks its environment with LIFEBOAT_ENVIRONMENT or
# LIFEBOAT_RESTORE_SOURCE_ENVIRONMENT. `transfers: 4` (rclone's --transfers) is set only if this
# build knows the key: the program refuses unknown keys.
bench_configs() {
  { bench_backup_yaml bench-pg
    printf '    postgres:\n      port: %s\n      password-file: %s\n      databases: [bench]\n' \
      "$prod_port" "$env_dir/production/password"; } >"$env_dir/pg.yaml"
  { bench_backup_yaml bench-minio; bench_minio_yaml s3-production "$s3_prod_port" "transfers: 4"; } >"$env_dir/probe.yaml"
  minio_transfers="transfers: 4"
  if ! "$lifeboat" list --config "$env_dir/probe.yaml" >"$env_dir/probe.log" 2>&1 && grep -q transfers "$env_dir/probe.log"; then
    minio_transfers=""
  fi
  local mode
  for mode in clone rsync; do
    { bench_backup_yaml "bench-$mode"; bench_minio_yaml s3-production "$s3_prod_port" "$minio_transfers"
      echo "      mode: $mode"; } >"$env_dir/minio-$mode.yaml"
  done
  for mode in pg minio; do
    { bench_store_yaml staging
      printf '  restore:\n    source-environment: bench-%s\n    identity-file: %s\n    allowed-signers-file: %s\n  datastores:\n' \
        "$mode" "$env_dir/keys/age-identity.txt" "$env_dir/keys/allowed-signers"
      if [[ $mode == pg ]]; then
        printf '    postgres:\n      port: %s\n      password-file: %s\n' "$staging_port" "$env_dir/staging/password"
      else
        bench_minio_yaml s3-staging "$s3_staging_port" "$minio_transfers"
        # the restored bucket only: rclone's restore lands beside it in documents-rclone, which a
        # scope of every bucket would move aside and remove each round
        echo "      buckets: [documents]"
      fi; } >"$env_dir/staging-$mode.yaml"
  done
  chmod 600 "$env_dir"/*.yaml
}
