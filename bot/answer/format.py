"""Plain-text layout of a Reply for terminals and pipes (no colour here)."""

from __future__ import annotations

import json
import textwrap

from bot.reply import Reply


def wrap(text: str, width: int) -> str:
    """Wrap each line to `width`, keeping list lines' hanging indent."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            out.append("")
            continue
        indent = "  " if line.lstrip().startswith(("- ", "• ")) or line[:3].rstrip(".").isdigit() else ""
        out.append(textwrap.fill(line, width=max(width, 20), subsequent_indent=indent, break_on_hyphens=False))
    return "\n".join(out)


def body_of(reply: Reply) -> str:
    """The reply text without the trailing disclaimer."""
    suffix = "\n\n" + reply.disclaimer
    return reply.text[: -len(suffix)] if reply.text.endswith(suffix) else reply.text


def as_text(reply: Reply, width: int = 80, numbered: bool = True) -> str:
    parts = [wrap(body_of(reply), width), "", wrap(reply.disclaimer, width)]
    if reply.suggestions:
        parts += ["", "You could also ask:"]
        for i, s in enumerate(reply.suggestions, 1):
            parts.append(f"  {i}. {s}" if numbered else f"  - {s}")
    return "\n".join(parts)


def as_json(reply: Reply, debug: bool = False) -> str:
    return json.dumps(reply.to_dict(include_debug=debug), ensure_ascii=False)


def debug_text(reply: Reply) -> str:
    d = reply.debug
    if d is None:
        return ""
    lines = [
        f"[debug] normalised: {d.normalised!r}",
        f"[debug] masked:     {d.masked!r}",
        "[debug] entities:   " + (", ".join(f"{e['type']}={e['value']}{' (fuzzy)' if e['fuzzy'] else ''}" for e in d.entities) or "none"),
        f"[debug] kind:       {d.kind} - {d.kind_reason}",
        f"[debug] frame:      {d.frame}",
        f"[debug] ranking (threshold {d.threshold:.0f}, margin {d.margin:.0f}):",
    ]
    lines += [f"[debug]   {c['score']:6.1f}  {c['intent']:<28} {c['example']!r}" for c in d.ranking] or ["[debug]   (no candidates)"]
    lines.append(f"[debug] decision: {d.decision} - {d.reason}")
    lines.append(f"[debug] reply: kind={reply.kind} intent={reply.intent} confidence={reply.confidence} fallback={reply.fallback} entities={reply.entities}")
    return "\n".join(lines)
