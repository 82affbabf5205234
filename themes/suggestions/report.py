"""A model version's figures as the commands print them."""


def _table(out, title: str, metrics: dict) -> None:
    if not metrics:
        out.write(f"{title}: not cross-validated (too few reviews, or trained with --no-evaluate).\n")
        return
    out.write(f"{title:<40} {'precision':>9} {'recall':>7} {'F1':>6} {'reviews':>8}\n")
    for slug, row in sorted(metrics.items()):
        out.write(f"{slug:<40} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} {row['support']:>8}\n")
    used = [row for row in metrics.values() if row["support"]]
    if used:
        mean = {key: sum(row[key] for row in used) / len(used) for key in ("precision", "recall", "f1")}
        name = f"mean of {len(used)} with reviews"
        out.write(f"{name:<40} {mean['precision']:>9.3f} {mean['recall']:>7.3f} {mean['f1']:>6.3f}\n")


def print_metrics(out, version) -> None:
    out.write(
        f"Model version {version.pk}, trained {version.trained_at:%Y-%m-%d %H:%M} UTC on {version.review_count:,} "
        f"reviews in {version.seconds:.1f} s.\n"
    )
    _table(out, "Theme (cross-validated)", version.theme_metrics)
    _table(out, "Agency (cross-validated)", version.agency_metrics)
