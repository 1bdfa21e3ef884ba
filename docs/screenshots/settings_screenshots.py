"""Screenshots of the Settings dialog: the Connection and Popups tabs (light), Webhooks (dark).

QT_QPA_PLATFORM=offscreen python docs/screenshots/settings_screenshots.py [OUTDIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

EXAMPLE_KEY = "example-key-0123456789"


def main(out: Path = HERE) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import settings as st
    from desktop.credentials import CredentialStore
    from desktop.ui.account.settings_dialog import SettingsDialog
    from desktop.ui.shell.application import create_qapplication
    from desktop.ui.shell.theme import apply_theme

    qapp = create_qapplication()
    with tempfile.TemporaryDirectory() as config:
        settings = st.Settings.open(config, admin=st.AdminConfig())
        for name, value in [
            ("server_url", "https://pbx.example.com"),
            ("username", "api"),
            ("extension", "103"),
            ("pbx_timezone", "Europe/Istanbul"),
            ("crm_url_template", "https://crm.example.com/search?phone={number}"),
            ("popup_ignore", "0850*, 4441234"),
            ("incoming_call_program", "/usr/bin/notify-send"),
            ("incoming_call_arguments", '"Call from {name}" "{number} {queue}"'),
            ("webhook_enabled", True),
        ]:
            settings.set(name, value)
        base = f"http://192.0.2.10:8719/{EXAMPLE_KEY}"
        shots = [
            ("light", 0, "settings-dialog"),
            ("light", 2, "settings-popups"),
            ("dark", 3, "settings-webhooks-dark"),
            ("dark", 1, "settings-numbers-dark"),
        ]
        for theme, tab, name in shots:
            apply_theme(qapp, theme)
            dialog = SettingsDialog(settings, CredentialStore.session_only())
            dialog.set_webhook_templates(
                f"{base}/start?chanid={{chanid}}&src={{src}}&dst={{dst}}&type={{calltype}}",
                f"{base}/hangup?chanid={{chanid}}&status={{status}}&duration={{duration}}",
            )
            dialog.tabs.setCurrentIndex(tab)
            dialog.show()
            qapp.processEvents()
            dialog.grab().save(str(out / f"{name}.png"))
            print(name, dialog.width(), "x", dialog.height())
            dialog.close()
            dialog.deleteLater()
            qapp.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
