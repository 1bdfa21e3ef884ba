#!/usr/bin/env bash
# Build IEXPBX Desktop for macOS: the .app (tray only: LSUIElement, no Dock icon) from the
# same PyInstaller spec, then a .dmg with hdiutil:
#
#   bash packaging/macos/build.sh
#
# Needs: Python 3.11 from python.org (universal2) or Homebrew as python3.11, and Xcode's
# command line tools (hdiutil, codesign). With CODESIGN_IDENTITY="Developer ID
# Application: …" the .app is signed (hardened runtime); notarize the .dmg afterwards with
# `xcrun notarytool submit build/*.dmg --keychain-profile PROFILE --wait` and
# `xcrun stapler staple build/*.dmg`.
# Output: "build/dist/IEXPBX Desktop.app" and build/iexpbx-desktop-VERSION.dmg.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD="$ROOT/build"
VENV="$BUILD/venv-macos"
PYTHON="${PYTHON:-python3.11}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/__init__.py)"
APP="$BUILD/dist/IEXPBX Desktop.app"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" - >"$BUILD/requirements.txt" <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["bundle"]))
PY
  "$VENV/bin/python" -m pip install -q -r "$BUILD/requirements.txt"
fi

"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$BUILD/dist" --workpath "$BUILD/pyinstaller" packaging/iexpbx-desktop.spec
/usr/libexec/PlistBuddy -c "Print :LSUIElement" "$APP/Contents/Info.plist" | grep -q true
"$APP/Contents/MacOS/iexpbx-desktop" --self-test

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

# The disk image: the app and a link to /Applications to drag it onto.
STAGE="$BUILD/dmg"
DMG="$BUILD/iexpbx-desktop-$VERSION.dmg"
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "IEXPBX Desktop $VERSION" -srcfolder "$STAGE" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 "$DMG"
du -sh "$APP" "$DMG"
