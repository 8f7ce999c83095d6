#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs the real peers the tests talk to when they are
# missing (GnuPG, OpenSSH server and client, vsftpd, lftp, curl, OpenSSL), then builds and tests everything
# with the Maven wrapper (which fetches Maven itself; only a JDK 17+ is needed).
#   ./test.sh                 everything: unit tests, then integration tests against real peers
#   ./test.sh -DskipITs       unit tests only (seconds)
#   ./test.sh -pl batch-splitter   one module (add -am to build what it needs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

# command or file -> Debian package
declare -A needs=(
  [gpg]=gnupg
  [/usr/sbin/sshd]=openssh-server
  [sftp]=openssh-client
  [ssh-keygen]=openssh-client
  [/usr/sbin/vsftpd]=vsftpd
  [lftp]=lftp
  [curl]=curl
  [openssl]=openssl
)
missing=()
for what in "${!needs[@]}"; do
  if [[ "$what" == /* ]]; then [ -x "$what" ] || missing+=("${needs[$what]}")
  else command -v "$what" >/dev/null 2>&1 || missing+=("${needs[$what]}"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "test.sh: installing $packages" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "test.sh: need root (or sudo) to install: $packages" >&2; exit 2; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi

command -v java >/dev/null 2>&1 || { echo "test.sh: a JDK 17 or newer is required (java not found)" >&2; exit 2; }

exec ./mvnw -B verify "$@"
