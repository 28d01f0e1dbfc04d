"""click's own messages in Chinese: usage, headings, option help and errors.

click looks its messages up through gettext (``_`` and ``ngettext`` in each of its modules);
:func:`install` replaces those with a lookup in the tables below. A message not listed stays
in English rather than failing.
"""

from __future__ import annotations

import importlib

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "No such option: {name}": "无此选项：{name}",
    "No such option {name!r}.": "无此选项：{name}。",
    "No such command {name!r}.": "无此命令：{name}。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name} 不接受值。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "File": "文件",
    "Directory": "目录",
    "Path": "路径",
    "default: {default}": "默认：{default}",
    "required": "必需",
    "Aborted!": "已中止！",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的布尔值，可用：{states}"
    ),
}

PLURALS = {
    "Got unexpected extra argument ({args})": "多余的参数：{args}",
    "Did you mean {possibility}?": "您是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是否想输入其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
}

_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")

# Types' names, which click shows upper-cased where an option takes a value (--jobs INTEGER)
TYPE_NAMES = {
    "StringParamType": "文本",
    "IntParamType": "整数",
    "IntRange": "整数",
    "FloatParamType": "数",
    "FloatRange": "数",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, PLURALS.get(singular, chosen))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two. click counts
    characters, which misaligns the help's columns where an option's value is 整数."""
    from unicodedata import east_asian_width  # only when help is formatted

    from click import unstyle

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in unstyle(text))


def install() -> None:
    """Make click speak Chinese (idempotent)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module of another click version
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
        if name == "formatting" and hasattr(module, "term_len"):
            module.term_len = display_width
        if name == "types":
            for type_name, chinese in TYPE_NAMES.items():
                if hasattr(module, type_name):
                    getattr(module, type_name).name = chinese
