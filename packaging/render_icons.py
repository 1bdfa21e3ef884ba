"""Render the app icon (resources/icons/app.svg) for installers, with the build's own Qt.

    python packaging/render_icons.py OUT_DIR [--ico] [--icns]

Writes OUT_DIR/<size>.png for the hicolor sizes (16 … 512), and with --ico an
`iexpbx-desktop.ico` (Windows), with --icns an `iexpbx-desktop.icns` (macOS). Qt's
QSvgRenderer draws the SVG, so no other SVG tool is needed on any build machine.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SOURCE = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app.svg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--ico", action="store_true", help="also write a Windows .ico")
    parser.add_argument("--icns", action="store_true", help="also write a macOS .icns")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        images[size] = image
        if not image.save(str(args.out / f"{size}.png"), "PNG"):
            print(f"cannot write {size}.png", file=sys.stderr)
            return 1
    if args.ico:
        _write_ico(args.out / "iexpbx-desktop.ico", {s: images[s] for s in ICO_SIZES})
    if args.icns:
        _write_icns(args.out / "iexpbx-desktop.icns", images)
    del app
    return 0


def _png_bytes(image: object) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    buffer.close()
    return bytes(data.data())


def _write_ico(path: Path, images: dict[int, object]) -> None:
    """An .ico of PNG entries (Windows Vista and later read PNG-compressed icons)."""
    import struct

    pngs = [(size, _png_bytes(image)) for size, image in sorted(images.items())]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    path.write_bytes(header + entries + blobs)


def _write_icns(path: Path, images: dict[int, object]) -> None:
    """An .icns of PNG entries (the types macOS 10.7+ reads)."""
    import struct

    types = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
    body = b""
    for size, kind in types.items():
        png = _png_bytes(images[size])
        body += kind + struct.pack(">I", len(png) + 8) + png
    path.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


if __name__ == "__main__":
    raise SystemExit(main())
