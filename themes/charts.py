"""Accessible charts as server-rendered SVG, from plain numbers.

Each chart is an <svg role="img"> named by its <title> and <desc> (a screen reader hears those, not the
shapes); series differ by shape and pattern as well as colour; text is drawn at a size that stays readable
when the chart shrinks to a phone's width (the viewBox is narrow, and the stylesheet caps the width on large
screens). Every chart on a page has a table beside it with the same numbers: the chart is never the only way in.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 340
FONT_SIZE = 13
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
# GOV.UK colours with at least 3:1 contrast against white (WCAG 1.4.11), each with its own marker and dash.
LINE_STYLES = [
    ("#1d70b8", "circle", ""),
    ("#d4351c", "square", "6 3"),
    ("#00703c", "triangle", "2 3"),
    ("#4c2c92", "diamond", "9 3 2 3"),
    ("#0b0c0c", "cross", "12 4"),
]
# Bars of different series differ by fill, not only by hue: solid, outlined, grey.
BAR_STYLES = [("#1d70b8", "#1d70b8"), ("#ffffff", "#0b0c0c"), ("#b1b4b6", "#505a5f")]


@dataclass
class Series:
    name: str
    values: Sequence[float | None]  # None: no figure to show (no reviews, or a small number held back)


def _html(template: str, *args, **kwargs) -> SafeString:
    """Like format_html, but numbers keep their format specs ({:.1f}); everything else is escaped."""

    def clean(value):
        return value if isinstance(value, int | float) else conditional_escape(value)

    return mark_safe(  # noqa: S308 (every argument is escaped or a number)
        template.format(*map(clean, args), **{name: clean(value) for name, value in kwargs.items()})
    )


def percent(value: float | None) -> str:
    """A share as people read it: 23.4%."""
    return "not shown" if value is None else f"{value * 100:.1f}%"


def _nice_scale(largest: float) -> tuple[float, float]:
    """(top of the axis, step between gridlines) so that the largest value fits under about five gridlines."""
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25):
        if largest <= step * 5:
            return max(step, step * math.ceil(largest / step)), step
    return 1.0, 0.25


def _marker(shape: str, x: float, y: float, colour: str) -> SafeString:
    if shape == "circle":
        return _html('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"/>', x, y, colour)
    if shape == "square":
        return _html('<rect x="{:.1f}" y="{:.1f}" width="7" height="7" fill="{}"/>', x - 3.5, y - 3.5, colour)
    if shape == "triangle":
        return _html(
            '<path d="M{:.1f} {:.1f}l4.5 8h-9z" fill="{}"/>',
            x,
            y - 4.5,
            colour,
        )
    if shape == "diamond":
        return _html('<path d="M{:.1f} {:.1f}l4.5 4.5-4.5 4.5-4.5-4.5z" fill="{}"/>', x, y - 4.5, colour)
    return _html(
        '<path d="M{:.1f} {:.1f}l8 8m0-8l-8 8" stroke="{}" stroke-width="2"/>',
        x - 4,
        y - 4,
        colour,
    )


def _svg(chart_id: str, title: str, description: str, height: float, body: SafeString) -> SafeString:
    return _html(
        '<svg class="app-chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        'font-size="{font}" fill="{text}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{body}</svg>',
        id=chart_id,
        width=WIDTH,
        height=height,
        font=FONT_SIZE,
        text=TEXT,
        title=title,
        description=description,
        body=body,
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[float], str] = percent,
) -> SafeString:
    """Lines over time, one per series (at most five), with markers at each point and a legend below.

    A None value breaks the line, so a year with a figure held back is a gap rather than a made-up point.
    """
    series = list(series)[: len(LINE_STYLES)]
    left, right, top, plot_height = 44, 14, 12, 170
    plot_width = WIDTH - left - right
    values = [v for s in series for v in s.values if v is not None]
    axis_top, step = _nice_scale(max(values, default=0.0))
    count = max(len(x_labels), 1)

    def x_at(index: int) -> float:
        return left + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y_at(value: float) -> float:
        return top + plot_height * (1 - value / axis_top)

    parts: list[SafeString] = []
    ticks = round(axis_top / step)
    for tick in range(ticks + 1):
        value = step * tick
        y = y_at(value)
        parts.append(
            _html(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{:.1f}" text-anchor="end">{}</text>',
                left,
                WIDTH - right,
                y,
                y,
                GRID,
                left - 6,
                y + 4,
                f"{value * 100:.0f}%",
            )
        )
    # Every year if they fit, otherwise every other one (always the last).
    every = 1 if count <= 7 else 2
    for index, label in enumerate(x_labels):
        if (count - 1 - index) % every == 0:
            parts.append(
                _html(
                    '<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>',
                    x_at(index),
                    top + plot_height + 18,
                    label,
                )
            )
    for (colour, shape, dash), line in zip(LINE_STYLES, series, strict=False):
        path, pen_down = [], False
        for index, value in enumerate(line.values):
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{x_at(index):.1f} {y_at(value):.1f}")
            pen_down = True
        if path:
            parts.append(
                _html(
                    '<path d="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>',
                    " ".join(path),
                    colour,
                    dash or "none",
                )
            )
        parts.extend(
            _marker(shape, x_at(index), y_at(value), colour)
            for index, value in enumerate(line.values)
            if value is not None
        )
    legend_top = top + plot_height + 40
    for row, ((colour, shape, dash), line) in enumerate(zip(LINE_STYLES, series, strict=False)):
        y = legend_top + row * 22
        parts.append(
            _html(
                '<path d="M0 {y:.1f}h30" stroke="{colour}" stroke-width="2.5" stroke-dasharray="{dash}"/>{marker}'
                '<text x="38" y="{text_y:.1f}">{name}</text>',
                y=y,
                colour=colour,
                dash=dash or "none",
                marker=_marker(shape, 15, y, colour),
                text_y=y + 4.5,
                name=line.name,
            )
        )
    height = legend_top + len(series) * 22
    return _svg(chart_id, title, description, height, mark_safe("".join(parts)))  # noqa: S308 (escaped above)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[float | None], str] = percent,
) -> SafeString:
    """Horizontal bars, one group per label (the label on its own line above, so long names fit a phone).

    With more than one series a legend at the top names the fills; each bar carries its value as text.
    """
    series = list(series)[: len(BAR_STYLES)]
    bar_height, bar_gap, label_height, group_gap = 14, 3, 18, 12
    value_room = 62
    plot_width = WIDTH - value_room
    values = [v for s in series for v in s.values if v is not None]
    largest = max(values, default=0.0) or 1.0
    parts: list[SafeString] = []
    y = 0.0
    if len(series) > 1:
        for (fill, stroke), line in zip(BAR_STYLES, series, strict=False):
            parts.append(
                _html(
                    '<rect x="0.5" y="{:.1f}" width="22" height="{}" fill="{}" stroke="{}"/>'
                    '<text x="30" y="{:.1f}">{}</text>',
                    y + 0.5,
                    bar_height - 1,
                    fill,
                    stroke,
                    y + bar_height - 3,
                    line.name,
                )
            )
            y += bar_height + 6
        y += 8
    for index, label in enumerate(labels):
        y += label_height
        parts.append(_html('<text x="0" y="{:.1f}" font-weight="bold">{}</text>', y - 5, label))
        for (fill, stroke), line in zip(BAR_STYLES, series, strict=False):
            value = line.values[index]
            length = 0.0 if value is None else max(plot_width * value / largest, 1.0)
            if value is not None:
                parts.append(
                    _html(
                        '<rect x="0.5" y="{:.1f}" width="{:.1f}" height="{}" fill="{}" stroke="{}"/>',
                        y + 0.5,
                        length,
                        bar_height - 1,
                        fill,
                        stroke,
                    )
                )
            parts.append(
                _html('<text x="{:.1f}" y="{:.1f}">{}</text>', length + 6, y + bar_height - 3, value_format(value))
            )
            y += bar_height + bar_gap
        y += group_gap
    return _svg(chart_id, title, description, y, mark_safe("".join(parts)))  # noqa: S308 (escaped above)


# ---------------------------------------------------------------------------------------------------------------
# The dashboards' charts (the tables beside them are in the templates)

CHART_THEMES = 10


def _span(years: Sequence[int]) -> str:
    return f"{years[0]} to {years[-1]}" if len(years) > 1 else f"{years[0]}"


def _bar_description(what: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    figures = "; ".join(
        f"{label}: " + ", ".join(f"{line.name} {percent(line.values[i])}" for line in series)
        if len(series) > 1
        else f"{label} {percent(series[0].values[i])}"
        for i, label in enumerate(labels)
    )
    return f"Bar chart of {what}. {figures}." if labels else f"Bar chart of {what}: no figures to show."


def dashboard_charts(dashboard) -> dict[str, SafeString]:
    """The charts of a national or regional dashboard (trends.Dashboard), keyed by where they go on the page."""
    where = dashboard.region.name if dashboard.region else "all regions"
    period = _span(dashboard.years)
    charts = {}

    ranked = [row for row in dashboard.themes if row.period.share is not None][:CHART_THEMES]
    labels = [row.theme.name for row in ranked]
    series = [Series(dashboard.region.name if dashboard.region else "All regions", [r.period.share for r in ranked])]
    if dashboard.region:
        series.append(Series("All regions", [row.national.share for row in ranked]))
    what = f"the share of reviews with each of the {len(ranked)} most common themes, {where}, {period}"
    charts["ranking"] = bar_chart(
        chart_id="chart-ranking",
        title=f"The most common themes, {where}, {period}",
        description=_bar_description(what, labels, series),
        labels=labels,
        series=series,
    )

    top = dashboard.top
    years = [str(year) for year in dashboard.years]
    lines = [Series(row.theme.name, [cell.share for cell in row.by_year]) for row in top]
    summary = " ".join(
        f"{line.name}: {percent(line.values[0])} in {years[0]}, {percent(line.values[-1])} in {years[-1]}."
        for line in lines
    )
    charts["trend"] = line_chart(
        chart_id="chart-trend",
        title=f"Share of reviews with the top {len(top)} themes by year, {where}",
        description=f"Line chart of each year's share of reviews with the theme. {summary}",
        x_labels=years,
        series=lines,
    )

    changed = dashboard.emerging + dashboard.declining
    if changed and dashboard.filters.earlier:
        labels = [row.theme.name for row in changed]
        series = [
            Series(_span(dashboard.filters.earlier), [row.earlier.share for row in changed]),
            Series(_span(dashboard.filters.recent), [row.recent.share for row in changed]),
        ]
        charts["change"] = bar_chart(
            chart_id="chart-change",
            title=f"Emerging and declining themes, {where}: share of reviews before and in recent years",
            description=_bar_description("the share of reviews with each theme, earlier and recent", labels, series),
            labels=labels,
            series=series,
        )
    return charts


def board_chart(profile, board_name: str) -> SafeString:
    """A board's most common themes (trends.BoardProfile) beside its region and the nation."""
    rows = profile.top
    labels = [row.theme.name for row in rows]
    series = [
        Series(board_name, [row.period.share for row in rows]),
        Series(profile.region.name, [row.regional.share for row in rows]),
        Series("All regions", [row.national.share for row in rows]),
    ]
    period = _span(profile.filters.years)
    return bar_chart(
        chart_id="chart-board",
        title=f"{board_name}: most common themes beside its region and all regions, {period}",
        description=_bar_description("the share of reviews with each theme", labels, series),
        labels=labels,
        series=series,
    )
