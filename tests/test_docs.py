"""The docs match the code: every command is documented, the Quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from realpolitik.serve.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
    assert block, "the Quick start section has no code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_holds_exactly_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2, commands
    assert (ROOT / commands[0].split()[0]).exists(), "the set-up command is not in the repository"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start_commands()[1]
    lines = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert any(line == test_command or line == f"exec {test_command}" for line in lines), (test_command, lines)
    assert any(line.startswith("./setup.sh") for line in lines), "CI must install what it needs itself"


def _commands() -> dict:
    return get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = _commands()[name]
    assert (command.help or "").strip(), f"`realpolitik {name}` has no help text"
    assert re.search(rf"realpolitik {re.escape(name)}\b", README), f"`realpolitik {name}` is not in the README"


def test_architecture_names_only_existing_modules() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "realpolitik"
    for name in re.findall(r"`([a-z_]+/)`", text):
        assert any(p.is_dir() for p in package.rglob(name.rstrip("/"))), name
    for name in re.findall(r"`([a-z_]+\.py)`", text):
        assert list(package.rglob(name)), name
