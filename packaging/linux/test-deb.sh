#!/usr/bin/env bash
# Install the built .deb, check it works, remove it and check nothing is left (run as root):
#
#   bash packaging/linux/test-deb.sh [build/iexpbx-desktop_VERSION_ARCH.deb]
#
# 1. dpkg -i (and apt-get -f install for missing dependencies);
# 2. the installed `iexpbx-desktop --self-test`;
# 3. a tel: link opened with xdg-open through the installed desktop entry reaches the
#    app: a running instance is started first, and the link's process must log that it
#    handed the number over to it;
# 4. dpkg --purge, then no file or folder the package listed is left under /opt or /usr
#    (except folders other packages own too).
# Needs xvfb-run, dbus-run-session and xdg-open (xvfb, dbus, xdg-utils).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
NAME=iexpbx-desktop
DEB="${1:-$(ls -t "$ROOT"/build/${NAME}_*.deb | head -n1)}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
step() { printf '== %s\n' "$1"; }

step "install $(basename "$DEB")"
if ! dpkg -i "$DEB"; then
  apt-get install -f -y -qq --no-install-recommends
fi
dpkg -s "$NAME" | grep -q '^Status: install ok installed'
dpkg -L "$NAME" >"$WORK/files"
test "$(readlink -f "$(command -v $NAME)")" = "/opt/$NAME/$NAME"

step "installed self-test"
TIMEFORMAT="self-test took %R s (with Xvfb and D-Bus starting)"
time env HOME="$WORK/home" xvfb-run -a dbus-run-session -- "$NAME" --self-test

step "tel: link through the desktop entry"
cat >"$WORK/tel.sh" <<'SH'
set -euo pipefail
export HOME="$1/tel-home" XDG_RUNTIME_DIR="$1/tel-run"
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
iexpbx-desktop >"$1/first.out" 2>&1 &
first=$!
logged() { grep -rqs "$1" "$HOME"; }
for _ in $(seq 100); do logged "starting" && break; sleep 0.1; done
sleep 1  # listening for later starts
xdg-open "tel:+905321234567"
for _ in $(seq 150); do logged "Handed over to the running instance" && break; sleep 0.1; done
kill -TERM "$first"; wait "$first" || true
if ! logged "Handed over to the running instance"; then
  echo "the tel: link did not reach the running app"; grep -rh . "$HOME" || true; exit 1
fi
echo "the tel: link was handed to the running app"
SH
xvfb-run -a dbus-run-session -- bash "$WORK/tel.sh" "$WORK"

step "remove"
dpkg --purge "$NAME"
left=0
while IFS= read -r path; do
  case "$path" in /opt/*|/usr/*) ;; *) continue ;; esac
  if [ -e "$path" ] || [ -L "$path" ]; then
    # A folder other packages use too (/usr/share/applications, …) rightly stays.
    if [ -d "$path" ] && [ ! -L "$path" ] && dpkg -S "$path" >/dev/null 2>&1; then continue; fi
    echo "left behind: $path"; left=1
  fi
done <"$WORK/files"
[ ! -e "/opt/$NAME" ] || { echo "left behind: /opt/$NAME"; left=1; }
[ "$left" = 0 ] && echo "removed cleanly: $(wc -l <"$WORK/files") paths checked"
exit "$left"
