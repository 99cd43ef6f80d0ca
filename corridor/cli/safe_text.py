"""Text from users and networks, made safe to show on a terminal.

A shipment id, a node name or a note is the user's (or a downloaded network's) text, and a
terminal is not a neutral place to print it: ``[/x]`` is rich markup that stops the
command, ``[link=...]`` hides a hyperlink, an ANSI escape recolours or rewrites the screen,
and a bidi override (U+202E) shows text in an order other than the one it has. Every piece
of such text goes through :func:`for_terminal` on its way to the terminal; files (CSV,
JSON) and ``--json`` keep the exact text.
"""

from __future__ import annotations

import re

#: What must not reach a terminal as it is: C0 controls (tab and line breaks too: a
#: cell that breaks its table's line is as misleading), DEL, C1 controls (0x9b is a
#: one-byte escape sequence introducer on some terminals) and the Unicode Bidi_Control
#: characters (embeddings, overrides, isolates and the directional marks), which reorder
#: what a reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    """A character as the escape that names it: ``\\x1b``, ``\\u202e``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: object, *, markup: bool = True) -> str:
    """``text`` (any value, as ``str`` gives it) as it may be printed on a terminal.

    Control and bidi characters are shown as their escapes (``\\x1b``, ``\\u202e``), so a
    reader sees that they are there and nothing acts on them. With ``markup`` (the text
    goes into something rich renders: ``console.print``, a table cell) rich markup is
    escaped too, so ``[bold]`` reads as itself; without it (a plain ``print``, such as an
    error line on stderr) the brackets need nothing. A markup tag must never follow the
    text directly (a backslash at its end would escape the tag): put a character of your
    own between them.
    """
    out = str(text)
    if not out.isprintable():  # the usual text has none of them: one scan, no copy
        out = _UNSAFE.sub(_visible, out)
    if markup and "[" in out:
        from rich.markup import escape  # rich renders it: it is imported already

        escaped = escape(out)
        # rich doubles a lone backslash at the end, for a tag written right after the text;
        # corridor never writes one there, and in a table cell or at the end of a line the
        # doubled backslash would show
        if out.endswith("\\") and not out.endswith("\\\\"):
            escaped = escaped[:-1]
        out = escaped
    return out
