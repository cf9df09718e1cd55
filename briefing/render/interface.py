"""The renderer interface: one method per view, so a format missing a view is a type error."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar, assert_never

from briefing.views import (
    ActorsView,
    BriefsView,
    BriefView,
    DiffView,
    GraphView,
    HistoryView,
    MatrixView,
    PositionsView,
    ProfileView,
    SearchView,
    SourcesView,
    TimelineView,
    View,
)

T = TypeVar("T", covariant=True)


class Renderer(ABC, Generic[T]):
    """Formats view models; Markdown, JSON and HTML give text in pieces
    (:class:`~briefing.render.Pieces`), the terminal Rich renderables."""

    @abstractmethod
    def timeline(self, view: TimelineView) -> T: ...

    @abstractmethod
    def profile(self, view: ProfileView) -> T: ...

    @abstractmethod
    def actors(self, view: ActorsView) -> T: ...

    @abstractmethod
    def positions(self, view: PositionsView) -> T: ...

    @abstractmethod
    def history(self, view: HistoryView) -> T: ...

    @abstractmethod
    def matrix(self, view: MatrixView) -> T: ...

    @abstractmethod
    def sources(self, view: SourcesView) -> T: ...

    @abstractmethod
    def search(self, view: SearchView) -> T: ...

    @abstractmethod
    def brief(self, view: BriefView) -> T: ...

    @abstractmethod
    def briefs(self, view: BriefsView) -> T: ...

    @abstractmethod
    def diff(self, view: DiffView) -> T: ...

    @abstractmethod
    def graph(self, view: GraphView) -> T: ...


def render(renderer: Renderer[T], view: View) -> T:
    """``view`` formatted by the ``renderer`` method made for it."""
    match view:
        case TimelineView():
            return renderer.timeline(view)
        case GraphView():
            return renderer.graph(view)
        case ProfileView():
            return renderer.profile(view)
        case ActorsView():
            return renderer.actors(view)
        case PositionsView():
            return renderer.positions(view)
        case HistoryView():
            return renderer.history(view)
        case MatrixView():
            return renderer.matrix(view)
        case SourcesView():
            return renderer.sources(view)
        case SearchView():
            return renderer.search(view)
        case BriefView():
            return renderer.brief(view)
        case BriefsView():
            return renderer.briefs(view)
        case DiffView():
            return renderer.diff(view)
        case _:
            assert_never(view)
