"""The unit's identity and the desk's place in it, as the setup wizard and ``desk-app init`` set them."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import time
from typing import Any

from desk_app.domain.dossier_code import DeskSlice, check_agency_id
from desk_app.domain.text import checked_field
from desk_app.domain.work_calendar import WorkingHours

DEMO_AGENCY_ID = "000.00.99.H99"
DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"


@dataclass(frozen=True)
class UnitProfile:
    """Who this desk is: the unit's electronic agency id, names and place, and the desk number."""

    agency_id: str
    parent_body: str
    unit_name: str
    place_name: str
    desk_number: int = 1
    slice_size: int = 1000
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    morning: tuple[str, str] = ("07:00", "11:30")
    afternoon: tuple[str, str] = ("13:30", "17:00")
    lookup_url: str = "https://tracuu.motcua.example.vn/tra-cuu"
    hotline: str = ""
    is_demo: bool = False
    signer_title: str = DEFAULT_SIGNER_TITLE  # the head who signs letters Mẫu 04/05 with the seal

    def checked(self) -> UnitProfile:
        """The profile with its fields validated and cleaned; InvalidInput naming the field."""
        DeskSlice.for_desk(self.desk_number, self.slice_size)
        self.working_hours()
        return UnitProfile(
            **{
                **asdict(self),
                "agency_id": check_agency_id(self.agency_id),
                "parent_body": checked_field(self.parent_body, 200, "Cơ quan chủ quản", "Parent body", required=True),
                "unit_name": checked_field(self.unit_name, 200, "Tên đơn vị", "Unit name", required=True),
                "place_name": checked_field(self.place_name, 100, "Địa danh", "Place name", required=True),
                "signer_title": checked_field(
                    self.signer_title, 100, "Chức danh người ký văn bản", "Title of the letters' signer", required=True
                ),
                "morning": tuple(self.morning),
                "afternoon": tuple(self.afternoon),
            }
        )

    def working_hours(self) -> WorkingHours:
        """The unit's working hours as the calendar takes them."""
        parse = time.fromisoformat
        return WorkingHours(
            morning=(parse(self.morning[0]), parse(self.morning[1])),
            afternoon=(parse(self.afternoon[0]), parse(self.afternoon[1])),
        )

    def desk_slice(self) -> DeskSlice:
        """The block of each day's dossier numbers this desk owns."""
        return DeskSlice.for_desk(self.desk_number, self.slice_size)

    def to_settings(self) -> dict[str, Any]:
        """The profile as one settings value."""
        return {"unit": asdict(self)}

    @classmethod
    def from_settings(cls, value: dict[str, Any]) -> UnitProfile:
        """The profile stored by ``to_settings``."""
        data = dict(value)
        data["morning"] = tuple(data["morning"])
        data["afternoon"] = tuple(data["afternoon"])
        return cls(**data)


def demo_profile() -> UnitProfile:
    """A clearly named demo unit for demos and benchmarks on an empty data folder."""
    return UnitProfile(
        agency_id=DEMO_AGENCY_ID,
        parent_body="ỦY BAN NHÂN DÂN XÃ MẪU (DEMO)",
        unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG (DỮ LIỆU DEMO)",
        place_name="Xã Mẫu",
        desk_number=1,
        is_demo=True,
    )
