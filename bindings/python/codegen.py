#!/usr/bin/env python3
"""Writes src/libimagekit/_ops_gen.py from docs/operations.json (the operation table's
language-neutral description, written by `cargo xtask codegen`).

    python3 bindings/python/codegen.py          # rewrite the generated module
    python3 bindings/python/codegen.py --check  # exit 1 if the committed module has drifted

One class per resource node of the newest Python SDK's tree (`files.versions` -> FilesVersions),
one method per operation: ids positional, query/body parameters keyword-only under their
snake_case names, each sent under its API name only when given. Lists that page get
`<name>_pages` (an iterator over every page) and `<name>_all`.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any, Dict, List

HERE = Path(__file__).resolve().parent
DEFAULT_INPUT = HERE.parent.parent / "docs" / "operations.json"
OUTPUT = HERE / "src" / "libimagekit" / "_ops_gen.py"

KIND_TYPES = {
    "str": "str",
    "bool": "bool",
    "int": "int",
    "str_list": "Sequence[str]",
    "str_or_list": "Union[str, Sequence[str]]",
    "object": "Mapping[str, Any]",
    "array": "Sequence[Any]",
    "json": "Union[str, Mapping[str, Any], Sequence[Any]]",
}


def snake(name: str) -> str:
    out = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    out = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", out).lower()
    return out + "_" if keyword.iskeyword(out) else out


def class_name(node: str) -> str:
    return "".join(part.title().replace("_", "") for part in re.split(r"[._]", node)) if node else "Resources"


def py_name(name: str) -> str:
    return name + "_" if keyword.iskeyword(name) else name


def param_signature(op: Dict[str, Any]) -> List[str]:
    out = []
    for p in op["params"]:
        ty = KIND_TYPES[p["kind"]]
        name = py_name(p["snake"])
        if p["required"]:
            out.append(f"{name}: {ty}")
        else:
            out.append(f"{name}: Union[{ty}, None, NotGiven] = NOT_GIVEN")
    return out


def def_line(name: str, sig: List[str], returns: str) -> List[str]:
    one = f"    def {name}({', '.join(sig)}) -> {returns}:"
    if len(one) <= 110:
        return [one]
    return [f"    def {name}("] + [f"        {part}," for part in sig] + [f"    ) -> {returns}:"]


def method(op: Dict[str, Any], leaf: str) -> List[str]:
    ids = [(snake(i), i) for i in op["ids"]]
    params = op["params"]
    sig = ["self"] + [f"{s}: str" for s, _ in ids]
    takes_params = op["input"] != "none"
    if takes_params and params:
        sig.append("*")
        sig += param_signature(op)
    doc = [f'        """{op["doc"]}', "", f'        `{op["http_method"]} {op["path"]}` (C: `{op["c_function"]}`).']
    if params:
        doc.append("")
        doc.append(f"        {op['input'].title()} parameters (sent under their API names):")
        for p in params:
            req = "required" if p["required"] else "optional"
            doc.append(f"        - `{py_name(p['snake'])}` -> `{p['name']}` ({p['kind']}, {req})")
    if op.get("max_items"):
        doc.append(f"        At most {op['max_items']['max']} items in `{op['max_items']['field']}`.")
    doc.append('        """')
    id_pairs = "(" + "".join(f'("{s}", {s}), ' for s, _ in ids) + ")"
    if takes_params:
        pairs = "(" + "".join(f'("{p["name"]}", {py_name(p["snake"])}), ' for p in params) + ")"
        params_expr = f"given({pairs})"
    else:
        params_expr = "None"
    lines = def_line(leaf, sig, "Any") + doc
    lines.append(f"        return self._core.op(lib.{op['c_function']}, {id_pairs}, {params_expr}, {takes_params})")
    if op["pages"]:
        keyword_sig = sig if "*" in sig else sig + ["*"]
        lines += [
            "",
            *def_line(f"{leaf}_pages", sig, "Iterator[List[Any]]"),
            f'        """Every page of `{leaf}`, fetched as the iteration reaches it (`skip` is where the walk',
            '        starts, `limit` the page size, default 1000). Leaving the loop stops the walk."""',
            f"        return walk_pages(self._core, lib.{op['c_function']}_each, {params_expr})",
            "",
            *def_line(f"{leaf}_all", keyword_sig + ["max_items: int = 0"], "List[Any]"),
            f'        """Every item of every page of `{leaf}` in one list (at most `max_items`; 0: no cap)."""',
            f"        return all_items(self._core, lib.{op['c_function']}_all, {params_expr}, max_items)",
        ]
    return lines


def render(description: Dict[str, Any]) -> str:
    if description.get("format") != 1:
        raise SystemExit(f"unsupported operations.json format {description.get('format')!r}")
    ops = description["operations"]
    # node path -> (child node names, operations)
    nodes: Dict[str, Dict[str, Any]] = {"": {"children": [], "ops": []}}
    for op in ops:
        parts = op["name"].split(".")
        for depth in range(len(parts) - 1):
            parent, node = ".".join(parts[:depth]), ".".join(parts[: depth + 1])
            if node not in nodes:
                nodes[node] = {"children": [], "ops": []}
                nodes[parent]["children"].append(node)
        nodes[".".join(parts[:-1])]["ops"].append((parts[-1], op))

    out = [
        "# Generated by bindings/python/codegen.py from docs/operations.json: do not edit.",
        "# Regenerate with `python3 bindings/python/codegen.py`; `--check` fails on drift.",
        '"""The newest Python SDK\'s resource tree over the operation table\'s C functions."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Dict, Iterator, List, Mapping, Sequence, Union",
        "",
        "from ._core import Core",
        "from ._native import lib",
        "from ._pages import all_items, walk_pages",
        "from ._params import NOT_GIVEN, NotGiven, given",
        "",
        "# The library's status codes and their names (`ik_status`).",
        "STATUS_NAMES: Dict[int, str] = {",
    ]
    for s in description["statuses"]:
        out.append(f'    {s["value"]}: "{s["name"]}",')
    out += ["}", "", "# Every operation of the table: its resource path and C function.", "OPERATIONS: Dict[str, str] = {"]
    for op in ops:
        out.append(f'    "{op["name"]}": "{op["c_function"]}",')
    out += ["}", ""]

    # Children before parents, so every annotation names a class defined above it.
    for node in sorted(nodes, key=lambda n: -n.count(".") if n else 1):
        if node == "":
            continue
        out += emit_class(node, nodes[node])
    out += emit_class("", nodes[""])
    return "\n".join(out).rstrip() + "\n"


def emit_class(node: str, info: Dict[str, Any]) -> List[str]:
    name = class_name(node)
    title = f"`{node}` resources" if node else "The top of the resource tree"
    lines = ["", "", f"class {name}:", f'    """{title}."""', "", "    def __init__(self, core: Core) -> None:", "        self._core = core"]
    for child in info["children"]:
        leaf = child.rsplit(".", 1)[-1]
        lines.append(f"        self.{py_name(leaf)} = {class_name(child)}(core)")
    for leaf, op in info["ops"]:
        lines.append("")
        lines += method(op, py_name(leaf))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the committed module differs")
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="operations.json")
    args = parser.parse_args()
    text = render(json.loads(args.input.read_text(encoding="utf-8")))
    committed = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if args.check:
        if committed != text:
            print(f"{OUTPUT.relative_to(HERE)} has drifted from {args.input}: run python3 bindings/python/codegen.py",
                  file=sys.stderr)
            return 1
        print(f"{OUTPUT.relative_to(HERE)} matches {args.input.name}")
        return 0
    if committed != text:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
