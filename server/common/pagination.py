"""Pagination that refuses what it cannot honour (a bad `limit` or `cursor` is a 400, not ignored)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, LimitOffsetPagination

from server.common.errors import ApiError


def _strict_int(request, name: str, lo: int, hi: int | None) -> int | None:
    if name not in request.query_params:
        return None
    raw = request.query_params.get(name, "")
    if not raw.isascii() or not raw.isdigit() or not (lo <= int(raw) <= (hi if hi is not None else int(raw))):
        bound = f"between {lo} and {hi}" if hi is not None else f"of at least {lo}"
        raise ApiError(f"{name} must be an integer {bound}", code="invalid_request",
                       details={"field": name})
    return int(raw)


def _bounded(parameters: list[dict], bounds: dict[str, tuple[int, int | None]]) -> list[dict]:
    """The schema says what the strict checks enforce."""
    for parameter in parameters:
        if parameter["name"] in bounds:
            lo, hi = bounds[parameter["name"]]
            parameter["schema"] = {**parameter["schema"], "minimum": lo, **({"maximum": hi} if hi else {})}
    return parameters


def query_params_of(pagination_class) -> set[str]:
    names = ("cursor_query_param", "page_size_query_param", "limit_query_param", "offset_query_param")
    return {getattr(pagination_class, n) for n in names if getattr(pagination_class, n, None)}


class StrictCursorPagination(CursorPagination):
    def get_schema_operation_parameters(self, view):
        return _bounded(super().get_schema_operation_parameters(view),
                        {self.page_size_query_param: (1, self.max_page_size)})

    def get_page_size(self, request):
        value = _strict_int(request, self.page_size_query_param, 1, self.max_page_size) \
            if self.page_size_query_param else None
        return self.page_size if value is None else value

    invalid_cursor_message = "This cursor is invalid or expired: follow the `next` or `previous` link of a page."

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model  # decode_cursor checks the position against the ordering field
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        if request.query_params.get(self.cursor_query_param) == "":
            return None  # an empty cursor is the first page
        cursor = super().decode_cursor(request)  # a cursor that does not decode: 404 (documented)
        if cursor is not None and cursor.position is not None and not self._position_fits(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _position_fits(self, position: str) -> bool:
        """A cursor decodes to any text; one whose position is not a value of the ordering field (a
        hand-edited or foreign cursor) would fail in the database query, so it is refused as invalid."""
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, OverflowError):
            return False
        return not isinstance(value, int) or -(2**63) <= value < 2**63


class StrictLimitOffsetPagination(LimitOffsetPagination):
    def get_schema_operation_parameters(self, view):
        return _bounded(super().get_schema_operation_parameters(view),
                        {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, None)})

    def get_limit(self, request):
        value = _strict_int(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if value is None else value

    def get_offset(self, request):
        return _strict_int(request, self.offset_query_param, 0, None) or 0


def check_query_params(request, view) -> None:
    """Refuse query parameters a view does not document (``view.query_params_allowed``; unset: no check).

    A misspelt filter (``?stauts=failed``) would otherwise be ignored silently and return everything.
    """
    allowed = getattr(view, "query_params_allowed", None)
    if allowed is None or not hasattr(view, request.method.lower()):
        return  # unchecked view, or a method it does not have (that is a 405, said next)
    allowed = set(allowed)
    if request.method == "GET" and getattr(view, "pagination_class", None):
        allowed |= query_params_of(view.pagination_class)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(f"unknown query parameter(s) {', '.join(unknown)[:200]}; allowed: "
                       f"{', '.join(sorted(allowed)) or 'none'}", code="invalid_request",
                       details={"field": unknown[0][:100]})
