"""Django's makemessages, which also reads the Jinja2 templates (folders named `jinja2`).

Django turns a template into Python for xgettext with `templatize`, which knows only the Django
template language. A template under a `jinja2` folder is parsed by Jinja2 instead, and its
gettext calls (`_()`, `gettext()`, `ngettext()`, `pgettext()`, `npgettext()`) are written out
as Python on the same lines (lib/jinja.py: messages_as_python), so the msgids, plural forms
and source lines come out as they did from `{% translate %}` and `{% blocktranslate %}`.
"""

from __future__ import annotations

import os

from django.core.management.commands import makemessages

from trienlam.lib.jinja import messages_as_python


def is_jinja_template(path: str) -> bool:
    return "jinja2" in os.path.normpath(path).split(os.sep)[:-1]


class BuildFile(makemessages.BuildFile):
    def preprocess(self) -> None:
        if not (self.is_templatized and is_jinja_template(self.path)):
            super().preprocess()
            return
        with open(self.path, encoding="utf-8") as source:
            content = messages_as_python(source.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile
