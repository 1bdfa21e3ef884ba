#!/usr/bin/env bash
# Build the Linux bundle (PyInstaller, one folder) and the .deb that installs it, in one go:
#
#   bash packaging/linux/build-deb.sh
#
# Needs Python 3.11+ with venv (Debian: python3-venv) and dpkg-deb; validates the desktop
# entry and AppStream metadata when desktop-file-validate (desktop-file-utils) and
# appstreamcli (appstream) are installed. A build environment is kept in build/venv-linux
# (made again when pyproject.toml changes); PYTHON chooses the interpreter that makes it.
# Output: build/dist/iexpbx-desktop/ (the bundle) and build/iexpbx-desktop_VERSION_ARCH.deb.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
NAME=iexpbx-desktop
APP_ID=com.iexpbx.desktop
BUILD="$ROOT/build"
VENV="$BUILD/venv-linux"
PYTHON="${PYTHON:-python3}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/__init__.py)"
ARCH="$(dpkg --print-architecture)"
step() { printf '== %s (%ss)\n' "$1" "$SECONDS"; }

# ------------------------------------------------------------ build environment
step "build environment"
STAMP="$(sha256sum pyproject.toml | cut -c1-64)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  # The app's runtime dependencies and PyInstaller, from pyproject.toml (markers kept);
  # not the app itself: the spec takes desktop/ from this checkout.
  "$VENV/bin/python" - >"$BUILD/requirements.txt" <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["bundle"]))
PY
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$BUILD/requirements.txt"
  echo "$STAMP" >"$VENV/.stamp"
fi

# ------------------------------------------------------------ the bundle
step "PyInstaller bundle"
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyinstaller" packaging/iexpbx-desktop.spec
BUNDLE="$BUILD/dist/$NAME"
"$BUNDLE/$NAME" --version

# ------------------------------------------------------------ the package tree
step "package tree"
PKG="$BUILD/deb/${NAME}_${VERSION}_${ARCH}"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/$NAME" "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$PKG/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$PKG/usr/bin/$NAME"
install -m 0644 packaging/linux/$APP_ID.desktop "$PKG/usr/share/applications/$APP_ID.desktop"
RELEASED="$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$RELEASED/" packaging/linux/$APP_ID.metainfo.xml \
  >"$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
install -m 0644 resources/icons/app.svg "$PKG/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
"$VENV/bin/python" packaging/render_icons.py "$BUILD/icons-linux"
for png in "$BUILD"/icons-linux/*.png; do
  size="$(basename "$png" .png)"
  install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
cat >"$PKG/usr/share/doc/$NAME/copyright" <<TXT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: IEXPBX Desktop
Comment: The bundle in /opt/$NAME includes Python, Qt (LGPL-3.0), PySide6 (LGPL-3.0)
 and FFmpeg (LGPL-2.1+) libraries under their own licences.

Files: *
Copyright: IEXPBX
License: proprietary
TXT
# Everyone may read and run; only root may change.
chmod -R u+rwX,go+rX,go-w "$PKG"

for script in postinst postrm; do
  install -m 0755 "packaging/linux/$script" "$PKG/DEBIAN/$script"
done
DEPENDS="libc6 (>= 2.28), libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1,
 libfreetype6, libdbus-1-3, libglib2.0-0, libpulse0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4,
 libxcb-keysyms1, libxcb-xinerama0, libxcb-image0, libxcb-render-util0, libxcb-randr0,
 libxcb-shape0, libxcb-xkb1, tzdata"
cat >"$PKG/DEBIAN/control" <<TXT
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: IEXPBX <support@iexpbx.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
Depends: $(echo "$DEPENDS" | tr -d '\n')
Recommends: gnome-keyring | kwalletmanager | keepassxc
Section: comm
Priority: optional
Homepage: https://www.iexpbx.com/
Description: desktop companion for IEXPBX telephone systems
 Live calls and extensions, incoming-call popups with the caller's name,
 click-to-call and tel:/callto: links, phonebook search and call history
 with recordings, for IEXPBX (Asterisk-based) telephone systems.
TXT

# ------------------------------------------------------------ checks
step "validate"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$PKG/usr/share/applications/$APP_ID.desktop"
else
  echo "desktop-file-validate not installed (desktop-file-utils): desktop entry not checked"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$PKG/usr/share/metainfo/$APP_ID.metainfo.xml"
else
  echo "appstreamcli not installed (appstream): metainfo not checked"
fi

# ------------------------------------------------------------ the .deb
step "dpkg-deb"
DEB="$BUILD/${NAME}_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zzstd --build "$PKG" "$DEB" >/dev/null
step "done"
printf 'bundle: %s (%s)\n.deb:   %s (%s)\n' "$BUNDLE" "$(du -sh "$BUNDLE" | cut -f1)" \
  "$DEB" "$(du -h "$DEB" | cut -f1)"
