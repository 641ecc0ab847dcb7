# Sourced by ./mvnw, ./hangar and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm, else `java` on
# PATH if it is new enough. Fails with a message saying what to install.
hangar_java_major() {
  # Sets hangar_major to the major version of the java binary $1, or to nothing. From the JDK's
  # `release` file when it has one (every JDK since 9; JDK 8 says 1.8 there, read as 1), read by
  # the shell itself, without a subshell: starting a JVM to ask costs about 65 ms per JDK, and
  # even a `sed` per JDK shows in the time of every ./hangar command.
  local release line
  hangar_major=
  release=${1%/bin/java}/release
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"[0-9]*)
          hangar_major=${line#JAVA_VERSION=\"}
          hangar_major=${hangar_major%%[!0-9]*}
          return 0
          ;;
      esac
    done <"$release"
  fi
  hangar_major=$("$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
}

hangar_find_jdk() {
  local min=21 best="" best_major=0 dir major noglob=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    hangar_java_major "$JAVA_HOME/bin/java"; major=$hangar_major
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then return 0; fi
  fi
  case $- in *f*) noglob=1; set +f ;; esac # ./mvnw runs with set -f
  for dir in /usr/lib/jvm/*; do # a glob is sorted
    [ -x "$dir/bin/javac" ] || continue
    hangar_java_major "$dir/bin/java"; major=$hangar_major
    [ -n "$major" ] || continue
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ -n "$noglob" ]; then set -f; fi
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    hangar_java_major "$dir/bin/java"; major=$hangar_major
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then best=$dir; fi
  fi
  if [ -z "$best" ]; then
    echo "hangar: no JDK >= $min found (looked at JAVA_HOME, /usr/lib/jvm and PATH)." >&2
    echo "hangar: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
