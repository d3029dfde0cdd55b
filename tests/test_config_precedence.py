"""acqspec.config.check_settings: the one place flags and the config file are merged (flags win)."""

from __future__ import annotations

from pathlib import Path

import pytest

from acqspec.config import Config, ConfigError, check_settings, load_config


@pytest.fixture
def config(tmp_path: Path) -> Config:
    path = tmp_path / ".acqspec.toml"
    path.write_text('select = ["AQ3", "AQ4"]\nignore = ["AQ402"]\nfail-on = "warning"\njobs = 2\n'
                    'library = ["office-library"]\nprofile = "p.yaml"\nwaivers = "w.yaml"\n'
                    '[severity]\nAQ204 = "warning"\n[thresholds]\nmatch-score = 70\n', encoding="utf-8")
    return load_config(path)


def test_without_flags_the_file_decides(config: Config, tmp_path: Path) -> None:
    settings = check_settings(config)
    assert settings.select == ("AQ3", "AQ4") and settings.ignore == ("AQ402",)
    assert settings.fail_on == "warning" and settings.jobs == 2 and settings.match_score == 70
    assert settings.library == (tmp_path / "office-library",)  # relative to the file, not the working directory
    assert settings.profile == tmp_path / "p.yaml" and settings.waivers == tmp_path / "w.yaml"
    assert settings.severity == {"AQ204": "warning"}


def test_every_flag_replaces_the_file_value(config: Config) -> None:
    settings = check_settings(config, select=("AQ1",), ignore=("AQ101",), fail_on="error", jobs=1,
                              library=(Path("mine"),), profile=Path("other.yaml"), waivers=Path("v.yaml"))
    assert settings.select == ("AQ1",) and settings.ignore == ("AQ101",)
    assert (settings.fail_on, settings.jobs, settings.library) == ("error", 1, (Path("mine"),))
    assert settings.profile == Path("other.yaml") and settings.waivers == Path("v.yaml")


def test_extend_flags_add_to_whatever_is_selected_or_ignored(config: Config) -> None:
    settings = check_settings(config, extend_select=("AQ101",), extend_ignore=("AQ401",))
    assert settings.select == ("AQ3", "AQ4", "AQ101") and settings.ignore == ("AQ402", "AQ401")
    replaced = check_settings(config, ignore=("AQ301",), extend_ignore=("AQ401",))
    assert replaced.ignore == ("AQ301", "AQ401")
    # With nothing selected every rule runs already; extending must not narrow that to one rule.
    assert check_settings(Config(), extend_select=("AQ101",)).select == ()


def test_defaults_without_a_file() -> None:
    settings = check_settings(Config())
    assert (settings.select, settings.ignore, settings.fail_on, settings.jobs) == ((), (), "error", 1)
    assert settings.library == () and settings.profile is None and settings.source is None


def test_flags_split_on_commas_and_a_typo_names_its_option(config: Config) -> None:
    assert check_settings(config, select=("AQ1,AQ301",)).select == ("AQ1", "AQ301")
    with pytest.raises(ConfigError) as info:
        check_settings(config, extend_ignore=("AQ3O1",))
    assert "--extend-ignore 'AQ3O1'" in str(info.value)
