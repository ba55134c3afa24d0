# Shared by scripts/demo and scripts/bench: sourced, not run.
# Needs $root (the repository) set by the caller.

# A TCP port nobody listens on 127.0.0.1, not already handed out by this script.
picked_ports=()
free_port() {
  local port candidate i
  for ((i = 0; i < 50; i++)); do
    candidate=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    # Someone answering on it means it is taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
    for port in "${picked_ports[@]}"; do [[ $port == "$candidate" ]] && continue 2; done
    picked_ports+=("$candidate")
    echo "$candidate"
    return 0
  done
  echo "no free port found on 127.0.0.1" >&2
  return 1
}

# Builds the runnable jar unless it is newer than every source file.
build_if_needed() {
  local jar=$root/target/quarkus-app/quarkus-run.jar
  if [[ -f $jar ]] && [[ -z $(find "$root/src" "$root/pom.xml" -newer "$jar" -print -quit) ]]; then
    echo "up to date: $jar"
  else
    (cd "$root" && mvn -B -q package -DskipTests)
    echo "built $jar"
  fi
}
