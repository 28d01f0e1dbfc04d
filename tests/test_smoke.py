from conftest import SAMPLES

from lint.linter import Linter


def test_compliant_sample_has_no_findings():
    result = Linter().check_path(str(SAMPLES / "good-team-2021.txt"))
    assert result.profile.id == "wugedaitou-2021"
    assert result.findings == []
