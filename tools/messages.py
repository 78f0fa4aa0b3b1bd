"""Update, fill and compile the Vietnamese translations in one step.

    .venv/bin/python tools/messages.py [TRANSLATIONS.json ...]

1. runs `trienlam makemessages -l vi --no-obsolete` over the package;
2. sets the msgstr of every msgid found in the JSON files ({"English msgid": "Vietnamese"};
   a plural entry takes a list of forms) and clears the "fuzzy" flag of those entries;
3. empties fuzzy entries nobody confirmed (a guess by msgmerge is not a translation);
4. compiles the .mo with `msgfmt --check`, and lists every msgid still untranslated.

It holds a lock for the whole run, so that several people (or processes) can use it on the
same working tree without losing each other's entries. Exit status 1 when something is
still untranslated.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "trienlam"
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"
LOCK = Path(tempfile.gettempdir()) / "trienlam-messages.lock"


def main(paths: list[str]) -> int:
    translations: dict[str, str | list[str]] = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = {**os.environ, "TRIENLAM_DATA_DIR": tempfile.mkdtemp(prefix="trienlam-msg-")}
        trienlam = Path(sys.executable).with_name("trienlam")
        subprocess.run(
            [str(trienlam), "makemessages", "-l", "vi", "--no-obsolete", "--no-location"],
            cwd=PACKAGE,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        po = polib.pofile(str(PO), wrapwidth=100)
        po.metadata.update(
            {
                "Project-Id-Version": "Trienlam",
                "PO-Revision-Date": po.metadata.get("POT-Creation-Date", ""),
                "Last-Translator": "Trienlam contributors",
                "Language-Team": "Vietnamese",
            }
        )
        for entry in po:
            wanted = translations.get(entry.msgid)
            if wanted is not None:
                if entry.msgid_plural:
                    forms = wanted if isinstance(wanted, list) else [wanted]
                    entry.msgstr_plural = dict(enumerate(forms))
                else:
                    entry.msgstr = wanted if isinstance(wanted, str) else wanted[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
            elif "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
        po.save(str(PO))
        subprocess.run(
            ["msgfmt", "--check", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True
        )
        missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(po.translated_entries())} translated, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
