#!/usr/bin/env bash
# Installs the Debian packages the test suite uses (tests that need one skip loudly where it is missing).
# Safe to run again; needs root (CI runs as root). Without root or apt it only reports what is missing.
set -euo pipefail
# tmux: TUI terminal test; mingw: struct layout probes; libloc/tor: real geo data; rsyslog (+gnutls, openssl for the
# test CA): the syslog forwarding tests against a real collector; tshark: reads back the --pcapng export; the rest:
# Linux live backend tests
packages=(maven openjdk-17-jdk-headless tmux gcc-mingw-w64-x86-64 libloc-database tor-geoipdb nftables iproute2 bpftrace python3 linux-libc-dev rsyslog rsyslog-gnutls openssl tshark)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then echo "test dependencies present"; exit 0; fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "WARNING: missing packages (tests that need them will skip): ${missing[*]}" >&2
  exit 0
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark pulls wireshark-common, which would ask whether non-root users may capture: no (reading files needs nothing)
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
