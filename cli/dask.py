"""``--dask``: open the cluster for the rest of the command and say where it is."""

from __future__ import annotations

import typer
from rich.console import Console


def open_cluster(ctx: typer.Context, address: str | None, processes: int, *,
                 quiet: bool) -> str | None:
    """The scheduler address for ``PipelineConfig.dask`` (None without ``--dask``); the
    cluster (a LocalCluster for ``local``) is closed when the command ends."""
    if not address:
        return None
    from kg import distributed  # only with --dask: Dask is an optional extra

    if not distributed.available():
        raise typer.BadParameter("needs the Dask extra: pip install 'kg[dask]'",
                                 param_hint="--dask")
    cluster = ctx.with_resource(distributed.connect(address, workers=processes))
    if not quiet:
        where = "LocalCluster" if cluster.local is not None else "Dask cluster"
        line = f"{where} {cluster.address}: {cluster.workers} workers"
        if cluster.dashboard:
            line += f"; dashboard {cluster.dashboard}"
        Console(stderr=True).print(line, highlight=False, soft_wrap=True)
    return cluster.address
