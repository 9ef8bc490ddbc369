"""The procedure catalogue (danh mục thủ tục hành chính): what a desk can receive, and how.

Each province publishes its own list — national code (``1.001193``), name, field (lĩnh vực),
processing time, fee, required papers with their counts of originals (bản chính) and copies
(bản sao), and the result document. The centre sends it to the desks as versioned data; each
dossier keeps the ``catalogue_version`` it was received under, so a later change of fee or time
never rewrites an old slip. A sample catalogue of real commune procedures ships in
``resources/catalogue/sample-procedures.json`` so a new desk works out of the box.

``parse_catalogue`` validates everything and names the procedure and field at fault. Unknown keys
in a procedure are ignored (a newer centre may add some); a breaking change raises ``schema``.
``Catalogue.find`` is what the intake screen calls while the clerk types: a code prefix, or words
without tones (``"chung thuc ban sao"``), every word the prefix of a word of the name.

Where the bundled sample catalogue lies is not a domain rule: ``desk_app.resources`` finds it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.domain.errors import DeskError, InvalidInput, UnknownProcedure
from desk_app.domain.fees import FeeRule
from desk_app.domain.text import checked_field, clean, fold
from desk_app.domain.work_calendar import Duration

CATALOGUE_SCHEMA = 1
CODE_PATTERN = re.compile(r"\d\.\d{6}")
_CODE_QUERY = re.compile(r"[\d.]+")
_WORD = re.compile(r"[a-z0-9]+")
_MAX_COUNT = 99


@dataclass(frozen=True)
class RequiredPaper:
    """One component of the dossier: how many originals and copies, or only shown (xuất trình); a
    ``conditional`` paper is needed only in some cases ("nếu có", "nếu nộp hồ sơ thay")."""

    name: str
    originals: int
    copies: int
    shown_only: bool = False
    conditional: bool = False


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure as the catalogue version it comes from states it."""

    code: str
    name: str
    field: str
    level: str
    duration: Duration
    online_duration: Duration | None
    fee: FeeRule
    papers: tuple[RequiredPaper, ...]
    result: str
    common: bool
    catalogue_version: str
    source: str = ""
    name_folded: str = dataclasses.field(init=False, repr=False, compare=False)
    _words: tuple[str, ...] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folded = fold(self.name)
        object.__setattr__(self, "name_folded", folded)
        object.__setattr__(self, "_words", tuple(_WORD.findall(folded)))

    def matches(self, words: Sequence[str]) -> bool:
        """Whether every folded query word is the prefix of some word of the folded name."""
        return all(any(own.startswith(word) for own in self._words) for word in words)


@dataclass(frozen=True)
class Catalogue:
    """A province's published procedures, one version; ``notice`` says what the data is."""

    version: str
    province: str
    is_sample: bool
    procedures: tuple[Procedure, ...]
    notice: str = ""
    _by_code: Mapping[str, Procedure] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {p.code: p for p in self.procedures})

    def get(self, code: str) -> Procedure:
        """The procedure with this national code; ``UnknownProcedure`` if this version has none."""
        key = clean(code)
        try:
            return self._by_code[key]
        except KeyError:
            raise UnknownProcedure(
                f"Không có thủ tục mã «{key}» trong danh mục {self.version}",
                f"Procedure code '{key}' is not in catalogue {self.version}",
                field="code",
            ) from None

    def find(self, words: str, limit: int = 10) -> list[Procedure]:
        """Procedures for what the clerk typed: a code prefix (``2.0008``, or digits only:
        ``1001``) or words without tones, each the prefix of a word of the name. Common
        procedures first, then shorter names; an empty query lists the common ones first."""
        if limit <= 0:
            return []
        query = fold(words)
        if _CODE_QUERY.fullmatch(query) and any(ch.isdigit() for ch in query):
            digits = query.replace(".", "")
            hits = [p for p in self.procedures if p.code.replace(".", "").startswith(digits)]
        else:
            tokens = _WORD.findall(query)
            hits = [p for p in self.procedures if p.matches(tokens)]
        hits.sort(key=lambda p: (not p.common, len(p.name), p.code))
        return hits[:limit]


class _Where:
    """Where a bad value sits, for messages: the catalogue, a procedure, a paper of it."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi, self.en = vi, en

    def error(self, key: str, problem_vi: str, problem_en: str) -> InvalidInput:
        return InvalidInput(
            f"Danh mục thủ tục — {self.vi}, trường «{key}»: {problem_vi}",
            f"Procedure catalogue — {self.en}, field '{key}': {problem_en}",
            field=key,
        )

    def text(self, data: Mapping[str, Any], key: str, limit: int, *, required: bool = True) -> str:
        value = data.get(key, "")
        if value is None and not required:
            value = ""
        if not isinstance(value, str):
            raise self.error(key, "phải là văn bản", "must be text")
        try:
            return checked_field(value, limit, "Giá trị", "The value", required=required)
        except InvalidInput as exc:
            raise self.error(key, exc.message, exc.english) from None

    def flag(self, data: Mapping[str, Any], key: str, default: bool | None = None) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "phải là true hoặc false", "must be true or false")
        return value

    def count(self, data: Mapping[str, Any], key: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_COUNT:
            raise self.error(
                key,
                f"phải là số nguyên từ 0 đến {_MAX_COUNT} (đang là {value!r})",
                f"must be a whole number from 0 to {_MAX_COUNT} (got {value!r})",
            )
        return value

    def duration(self, data: Mapping[str, Any], key: str) -> Duration | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, "phải là thời hạn dạng «3 working_days»", "must be text like '3 working_days'")
        try:
            return Duration.parse(value)
        except (DeskError, ValueError, TypeError) as exc:
            raise self.wrapped(key, exc) from None

    def wrapped(self, key: str, exc: Exception) -> InvalidInput:
        """``exc`` (from a parser of another module) restated with this place and field."""
        if isinstance(exc, DeskError):
            return self.error(key, exc.message, exc.english)
        return self.error(key, str(exc), str(exc))


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """A ``Catalogue`` from its JSON form, every value checked; ``InvalidInput`` names what is wrong."""
    top = _Where("phần đầu", "header")
    if not isinstance(data, Mapping):
        raise top.error("schema", "dữ liệu không phải một đối tượng JSON", "the data is not a JSON object")
    schema = data.get("schema")
    if schema != CATALOGUE_SCHEMA or isinstance(schema, bool):
        raise top.error(
            "schema",
            f"phiên bản lược đồ {schema!r} không được hỗ trợ (cần {CATALOGUE_SCHEMA})",
            f"schema version {schema!r} is not supported (expected {CATALOGUE_SCHEMA})",
        )
    version = top.text(data, "version", 50)
    province = top.text(data, "province", 200)
    is_sample = top.flag(data, "is_sample", False)
    notice = top.text(data, "notice", 2000, required=False)
    raw = data.get("procedures")
    if not isinstance(raw, list) or not raw:
        raise top.error("procedures", "phải là một danh sách không rỗng", "must be a non-empty list")
    procedures: list[Procedure] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        procedure = _parse_procedure(item, index, version)
        if procedure.code in seen:
            raise _Where(f"thủ tục {procedure.code}", f"procedure {procedure.code}").error(
                "code", "mã thủ tục bị trùng trong danh mục", "the code appears twice in the catalogue"
            )
        seen.add(procedure.code)
        procedures.append(procedure)
    return Catalogue(version, province, is_sample, tuple(procedures), notice)


def _parse_procedure(item: object, index: int, version: str) -> Procedure:
    """One procedure entry; ``index`` (from 1) names it until its code is known to be good."""
    where = _Where(f"thủ tục thứ {index}", f"procedure #{index}")
    if not isinstance(item, Mapping):
        raise where.error("code", "không phải một đối tượng JSON", "is not a JSON object")
    code = item.get("code")
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise where.error("code", f"mã {code!r} không đúng dạng d.dddddd", f"code {code!r} is not of the form d.dddddd")
    where = _Where(f"thủ tục {code}", f"procedure {code}")
    fee_data = item.get("fee")
    if not isinstance(fee_data, Mapping):
        raise where.error("fee", "phải là một đối tượng JSON", "must be a JSON object")
    try:
        fee = FeeRule.from_dict(fee_data)
    except (DeskError, ValueError, TypeError) as exc:
        raise where.wrapped("fee", exc) from None
    papers_data = item.get("papers", [])
    if not isinstance(papers_data, list):
        raise where.error("papers", "phải là một danh sách", "must be a list")
    duration = where.duration(item, "duration")
    if duration is None:
        raise where.error("duration", "thiếu thời hạn giải quyết", "the processing time is missing")
    return Procedure(
        code=code,
        name=where.text(item, "name", 1000),
        field=where.text(item, "field", 200),
        level=where.text(item, "level", 50),
        duration=duration,
        online_duration=where.duration(item, "online_duration"),
        fee=fee,
        papers=tuple(_parse_paper(paper, n, code) for n, paper in enumerate(papers_data, start=1)),
        result=where.text(item, "result", 500),
        common=where.flag(item, "common", False),
        catalogue_version=version,
        source=where.text(item, "source", 500, required=False),
    )


def _parse_paper(item: object, index: int, code: str) -> RequiredPaper:
    """One required paper of procedure ``code``."""
    where = _Where(f"thủ tục {code}, giấy tờ thứ {index}", f"procedure {code}, paper #{index}")
    if not isinstance(item, Mapping):
        raise where.error("papers", "không phải một đối tượng JSON", "is not a JSON object")
    name = where.text(item, "name", 500)
    originals, copies = where.count(item, "originals"), where.count(item, "copies")
    if originals + copies == 0:
        raise where.error("copies", "cần ít nhất một bản chính hoặc bản sao", "needs at least one original or copy")
    return RequiredPaper(
        name, originals, copies, where.flag(item, "shown_only", False), where.flag(item, "conditional", False)
    )


def catalogue_to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The JSON form of ``catalogue``; ``parse_catalogue`` of it gives an equal catalogue."""
    procedures = []
    for p in catalogue.procedures:
        entry: dict[str, Any] = {
            "code": p.code,
            "name": p.name,
            "field": p.field,
            "level": p.level,
            "common": p.common,
            "duration": str(p.duration),
        }
        if p.online_duration is not None:
            entry["online_duration"] = str(p.online_duration)
        entry["fee"] = p.fee.to_dict()
        entry["papers"] = [dataclasses.asdict(paper) for paper in p.papers]
        entry["result"] = p.result
        if p.source:
            entry["source"] = p.source
        procedures.append(entry)
    return {
        "schema": CATALOGUE_SCHEMA,
        "version": catalogue.version,
        "province": catalogue.province,
        "is_sample": catalogue.is_sample,
        "notice": catalogue.notice,
        "procedures": procedures,
    }


def load_catalogue(path: str | Path) -> Catalogue:
    """The catalogue in a UTF-8 JSON file; ``InvalidInput`` if it cannot be read or is not valid."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(
            f"Không đọc được tệp danh mục thủ tục {file}: {exc.strerror or exc}",
            f"Cannot read the procedure catalogue file {file}: {exc.strerror or exc}",
        ) from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"Tệp danh mục thủ tục {file} không phải UTF-8", f"The procedure catalogue file {file} is not UTF-8"
        ) from exc
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"Tệp danh mục thủ tục {file} hỏng ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
            f"The procedure catalogue file {file} is broken at line {exc.lineno}, column {exc.colno}: {exc.msg}",
        ) from exc
    return parse_catalogue(data)
