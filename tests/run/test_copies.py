"""Copy detection: drafts sharing most of their sentences are paired, unrelated ones are not."""

import json
import random

from click.testing import CliRunner

from lint.cli import main
from lint.run.copies import find_pairs, fingerprint

CHARS = "学习贯彻落实工作问题群众服务发展改革调研项目责任制度会议文件干部基层整改措施推进监督检查"


def sentences(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(CHARS) for _ in range(rng.randint(12, 30))) + "。" for _ in range(n)]


def draft(body: list[str]) -> str:
    return "某单位领导班子对照检查材料\n一、存在的问题\n" + "\n".join(body) + "\n"


def corpus(rng: random.Random, count: int = 30, shared: float = 0.8):
    """``count`` unrelated drafts, of which draft-01 shares ``shared`` of its sentences with 00."""
    bodies = [sentences(rng, 40) for _ in range(count)]
    keep = int(40 * shared)
    bodies[1] = bodies[0][:keep] + sentences(rng, 40 - keep)
    rng.shuffle(bodies[1])
    return {f"draft-{i:02d}.txt": draft(body) for i, body in enumerate(bodies)}


def test_pair_sharing_most_sentences_is_found_and_unrelated_are_not():
    drafts = corpus(random.Random(1))
    pairs = find_pairs({name: fingerprint(text) for name, text in drafts.items()})
    assert [(p.path, p.other) for p in pairs] == [("draft-00.txt", "draft-01.txt")]
    (pair,) = pairs
    assert pair.shared == 33  # 32 sentences and the common title
    assert pair.fraction == pair.other_fraction == 33 / 41


def test_threshold_on_shared_fraction():
    for seed in range(5):
        drafts = corpus(random.Random(seed), count=10, shared=0.3)
        pairs = find_pairs({name: fingerprint(text) for name, text in drafts.items()})
        assert pairs == []  # 30 % shared is below the 50 % threshold


def test_headings_and_short_phrases_do_not_count():
    a = fingerprint("一、存在的问题\n二、原因剖析\n三、整改措施\n比如，\n")
    assert a.sentences == 0 and a.signature is None


def test_reference_folder_and_json(tmp_path):
    rng = random.Random(7)
    drafts = corpus(rng, count=6)
    batch, reference = tmp_path / "batch", tmp_path / "reference"
    batch.mkdir()
    reference.mkdir()
    for name, text in drafts.items():
        (batch if name != "draft-00.txt" else reference).joinpath(name).write_text(text)
    # two drafts of the reference folder that copy each other are not the batch's business
    (reference / "old-a.txt").write_text(draft(sentences(random.Random(3), 20)))
    (reference / "old-b.txt").write_text(draft(sentences(random.Random(3), 20)))
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--reference", str(reference), str(batch)]
    )
    copies = [f for f in json.loads(result.stdout) if f["rule"] == "copy"]
    assert [(f["path"], f["severity"]) for f in copies] == [
        (str(batch / "draft-01.txt"), "warning")
    ]
    assert str(reference / "draft-00.txt") in copies[0]["message"]
    assert "80%" in copies[0]["message"]
    # without --reference, json leaves copy detection off unless asked
    plain = CliRunner().invoke(main, ["check", "--format", "json", str(batch)])
    assert not [f for f in json.loads(plain.stdout) if f["rule"] == "copy"]


def test_checklist_lists_pairs(tmp_path):
    for name, text in corpus(random.Random(2), count=5).items():
        (tmp_path / name).write_text(text)
    out = CliRunner().invoke(main, ["check", "--format", "checklist", str(tmp_path)]).output
    assert "雷同文稿：1 对" in out
    assert f"{tmp_path / 'draft-00.txt'} ↔ {tmp_path / 'draft-01.txt'}：33 句相同" in out
    ignored = (
        CliRunner()
        .invoke(main, ["check", "--format", "checklist", "--ignore", "copy", str(tmp_path)])
        .output
    )
    assert "雷同文稿" not in ignored
