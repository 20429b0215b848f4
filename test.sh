#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Debian packages), then runs every test with Maven.
# Fails loudly when something cannot be installed; never skips.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian packages the tests use: python3-consul2 (the seed's client, under /usr/bin/python3) and dig.
packages=(python3 python3-consul2 bind9-dnsutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
/usr/bin/python3 -c 'import consul' || { echo "test.sh: python3-consul2 is not importable by /usr/bin/python3" >&2; exit 1; }
command -v dig >/dev/null || { echo "test.sh: dig (bind9-dnsutils) is missing" >&2; exit 1; }

exec ./mvnw -B verify "$@"
