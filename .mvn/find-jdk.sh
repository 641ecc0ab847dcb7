# Sourced by ./mvnw, ./hangar and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm, else `java` on
# PATH if it is new enough. Fails with a message saying what to install.
hangar_java_major() {
  # Prints the major version of the java binary $1, or nothing. From the JDK's `release` file
  # when it has one (every JDK since 9; JDK 8 says 1.8 there, read as 1): starting a JVM to ask
  # costs about 65 ms per JDK, on every ./hangar command.
  local release major
  release=$(dirname "$(dirname "$1")")/release
  if [ -f "$release" ]; then
    major=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$major" ]; then echo "$major"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

hangar_find_jdk() {
  local min=21 best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(hangar_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then return 0; fi
  fi
  for dir in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null | sort); do
    [ -x "$dir/bin/javac" ] || continue
    major=$(hangar_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(hangar_java_major "$dir/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then best=$dir; fi
  fi
  if [ -z "$best" ]; then
    echo "hangar: no JDK >= $min found (looked at JAVA_HOME, /usr/lib/jvm and PATH)." >&2
    echo "hangar: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
