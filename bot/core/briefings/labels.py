"""The words around the facts, in English and Vietnamese. Facts themselves are not translated."""

from __future__ import annotations

from typing import Literal

__all__ = ["KINDS", "LABELS", "Locale", "kind_label", "label", "locale_of"]

Locale = Literal["en", "vi"]

LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese)
    "sources": ("Sources", "Nguồn"),
    "further_reading": ("Further reading", "Đọc thêm"),
    "date": ("Date", "Ngày"),
    "where": ("Where", "Địa điểm"),
    "who": ("Who", "Ai"),
    "host": ("Host", "Chủ nhà"),
    "guest": ("Guest", "Khách"),
    "participants": ("Participants", "Thành phần"),
    "outcomes": ("What was agreed or said", "Kết quả và phát biểu"),
    "why": ("Why it mattered", "Ý nghĩa"),
    "pillars": ("Pillars", "Trụ cột"),
    "part_of": ("Part of", "Thuộc"),
    "titles": ("Titles", "Chức danh"),
    "names": ("Names", "Tên"),
    "country": ("Country", "Quốc gia"),
    "role": ("In the relationship", "Vai trò trong quan hệ"),
    "events": ("Events", "Sự kiện"),
    "commitments": ("Commitments", "Cam kết"),
    "key_points": ("Key points", "Điểm chính"),
    "formal_name": ("Formal name", "Tên chính thức"),
    "backing": ("Backed by", "Dựa trên"),
    "loaded": ("Facts loaded", "Cập nhật dữ liệu"),
    "statements": ("Statements", "Nội dung"),
    "disagree": ("Sources disagree", "Các nguồn khác nhau"),
    "as_of": ("as of", "tính đến"),
    "stated": ("stated", "nêu"),
    "version": ("facts", "dữ liệu"),
    "did_you_mean": ("Did you mean", "Có phải bạn muốn tìm"),
    "pick_one": ("Several match; pick one", "Có nhiều kết quả; hãy chọn một"),
    "not_found": ("Nothing found", "Không tìm thấy"),
    "cannot": ("That did not work", "Không thực hiện được"),
    "no_url": ("no link known", "chưa có liên kết"),
    "example": ("Example", "Ví dụ"),
    "page": ("page", "trang"),
    "about_it": ("About", "Về"),
    "results": ("Results", "Kết quả"),
    "timeline": ("Timeline", "Dòng thời gian"),
    "undated": ("date not stated", "không rõ ngày"),
}

KINDS: dict[str, tuple[str, str]] = {
    # What an entry is, shown beside its name in lists and choice menus.
    "person": ("person", "nhân vật"),
    "place": ("place", "địa điểm"),
    "country": ("country", "quốc gia"),
    "organisation": ("organisation", "tổ chức"),
    "topic": ("topic", "chủ đề"),
    "event": ("event", "sự kiện"),
    "pillar": ("pillar", "trụ cột"),
    "source": ("source", "nguồn"),
    "state-visit": ("state visit", "chuyến thăm cấp nhà nước"),
    "visit": ("visit", "chuyến thăm"),
    "talks": ("talks", "hội đàm"),
    "meeting": ("meeting", "cuộc gặp"),
    "interview": ("interview", "phỏng vấn"),
    "announcement": ("announcement", "thông báo"),
    "conference": ("conference", "hội nghị"),
}


def kind_label(kind: str, locale: Locale) -> str:
    """A kind in the reader's language; a kind added to the facts later shows as written."""
    english, vietnamese = KINDS.get(kind, (kind, kind))
    return vietnamese if locale == "vi" else english


def locale_of(value: str | None) -> Locale:
    """Discord sends "vi", "en-US", "en-GB", …; anything not Vietnamese is answered in English."""
    return "vi" if value and value.lower().startswith("vi") else "en"


def label(key: str, locale: Locale) -> str:
    english, vietnamese = LABELS[key]
    return vietnamese if locale == "vi" else english
