"""`veo generate` says what a job should cost before it is sent, at the user's price table."""

from __future__ import annotations

import json

from veo_desktop.core.request.models import Model
from veo_desktop.core.request.pricing import Price, PriceTable
from veo_desktop.simulator import Simulator

from .conftest import Cli


def test_generate_prints_the_estimate_at_list_prices(cli: Cli, sim: Simulator) -> None:
    r = cli.run("generate", "--prompt", "priced", "--duration", "4", "--no-audio")
    assert r.returncode == 0, r.stderr
    # fast 720p without audio: 4 s × $0.08 list price
    assert "Estimated cost: $0.32 (4 s of veo3.1-fast-video-720p without audio" in r.stderr
    assert "list prices" in r.stderr


def test_generate_uses_the_edited_price_table_and_reports_it_in_json(
    cli: Cli, sim: Simulator
) -> None:
    from decimal import Decimal

    table = PriceTable.DEFAULT.with_price(Model.STANDARD_4K, Price(Decimal("0.5"), Decimal("0.3")))
    table.save(cli.data_dir / "prices.json")  # --data-dir keeps settings inside it
    r = cli.run(
        "generate", "--prompt", "4k", "--model", Model.STANDARD_4K.value, "--audio", "--json"
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["estimate_usd"] == "4.00"  # 8 s × $0.50
