"""The gongkai CLI end to end: records of the contract, bad input, exit status."""
import json
import os

from typer.testing import CliRunner

from nlp.cli import app
from conftest import SAMPLE

runner = CliRunner()
DEMO = SAMPLE / "demo-2021-template.txt"


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_parse_sample_report_gives_contract_record():
    res = runner.invoke(app, ["parse", str(DEMO), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    (rec,) = jsonl(res.stdout)
    assert set(rec) >= {"doc_id", "source", "meta", "sections", "passages", "tables"}
    assert rec["meta"] == {"year": 2023, "body": "青禾县人民政府", "region": None, "published": "2024-01-20", "template": "2021"}
    text = DEMO.read_text(encoding="utf-8")
    cells = {c["indicator"]: c for t in rec["tables"] for c in t["cells"]}
    c = cells["requests.received.total"]
    assert (c["value"], c["unit"], text[c["start"] : c["end"]]) == (45, "件", "45")
    assert cells["proactive.fees.amount"]["unit"] == "万元"
    assert cells["proactive.fees.amount"]["value"] == 38.5
    assert cells["review.total"]["value"] == 3
    assert cells["requests.result.other.other_reason.total"]["value"] == 2
    assert len([k for k in cells if k.startswith("requests.")]) == 25 * 7
    # keys sorted, one line per record, same bytes every run
    line = res.stdout.splitlines()[0]
    assert line == json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    again = runner.invoke(app, ["parse", str(DEMO), "--format", "jsonl"])
    assert again.stdout == res.stdout


def test_text_prints_canonical_text_unchanged():
    res = runner.invoke(app, ["text", str(DEMO)])
    assert res.exit_code == 0
    assert res.stdout == DEMO.read_text(encoding="utf-8")


def test_a_folder_of_bad_files_gives_one_error_each_and_results_for_the_rest(tmp_path):
    good = DEMO.read_bytes()
    (tmp_path / "a_good.txt").write_bytes(good)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "d_gbk.txt").write_bytes(good.decode("utf-8").encode("gbk"))
    cut = good.decode("utf-8")
    (tmp_path / "e_cut_table.txt").write_text(cut[: cut.index("（三）不予公开")], encoding="utf-8")
    (tmp_path / "f_big.txt").write_bytes(good * 2)
    (tmp_path / "g.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "h_not_report.txt").write_text("hello world\n", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")  # a symlink loop is not followed
    res = runner.invoke(app, ["parse", str(tmp_path), "--format", "jsonl", "--max-mb", str(len(good) * 1.5 / 1048576)])
    assert res.exit_code == 1
    recs = {os.path.basename(r["source"]): r for r in jsonl(res.stdout)}
    assert sorted(recs) == ["a_good.txt", "b_empty.txt", "c_binary.txt", "d_gbk.txt", "e_cut_table.txt", "f_big.txt", "g.pdf", "h_not_report.txt"]
    errors = {k: r["error"]["type"] for k, r in recs.items() if "error" in r}
    assert errors == {"b_empty.txt": "empty", "c_binary.txt": "binary", "f_big.txt": "too_large",
                      "g.pdf": "unsupported_format", "h_not_report.txt": "not_a_report"}
    # GBK is detected and read like the UTF-8 original
    assert recs["d_gbk.txt"]["meta"] == recs["a_good.txt"]["meta"]
    assert recs["d_gbk.txt"]["tables"] == recs["a_good.txt"]["tables"]
    # a table cut off in the middle keeps the rows it has
    cut_cells = {c["indicator"] for t in recs["e_cut_table.txt"]["tables"] for c in t["cells"]}
    assert "requests.result.partial.total" in cut_cells and "requests.result.total" not in cut_cells


def test_missing_path_is_an_error_record_not_a_crash(tmp_path):
    res = runner.invoke(app, ["parse", str(tmp_path / "nope.txt"), str(DEMO), "--format", "jsonl"])
    assert res.exit_code == 1
    recs = jsonl(res.stdout)
    assert recs[0]["error"]["type"] == "missing" and "tables" in recs[1]


def test_table_view_for_people():
    res = runner.invoke(app, ["parse", str(DEMO), "--format", "table"])
    assert res.exit_code == 0
    assert "青禾县人民政府" in res.stdout and "requests.received.total" in res.stdout
