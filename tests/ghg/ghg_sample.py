"""The sample company's inventory, built from docs/sample_company_facts.md the way the corpus ships it.

2023 rows carry activity data (so recomputation is exercised); 2021 and 2022 are summary rows.
A module of its own (not conftest) so tests can import the figures by a name no other test dir uses.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parents[2]
CORPUS_WORKBOOK = REPO / "corpus" / "documents" / "溫室氣體盤查清冊_2021-2023.xlsx"

HEADERS = ["年度", "廠區", "範疇", "ISO類別", "範疇三類別", "排放源", "溫室氣體", "活動數據", "活動數據單位", "排放係數",
           "排放係數單位", "GWP", "排放量(公噸CO2e)", "範疇二計算方法", "資料來源"]
TY, TC = "桃園總部暨一廠", "台中二廠"

# The fact sheet's figures (tCO2e), used by several tests.
FACTS = {
    2021: {"s1": 9120.0, "s2_loc": 49118.5, "s2_mkt": 49118.5, "s3": 331200.0},
    2022: {"s1": 8905.0, "s2_loc": 46926.0, "s2_mkt": 43956.0, "s3": 322900.0},
    2023: {"s1": 8512.0, "s2_loc": 45620.9, "s2_mkt": 35740.9, "s3": 313530.0},
}
S3_2023 = {1: 248300.0, 2: 12400.0, 3: 8950.0, 4: 14200.0, 5: 1180.0, 6: 640.0, 7: 2310.0, 9: 6100.0, 11: 18400.0,
           12: 1050.0}
S3_2022 = {1: 256100.0, 2: 12800.0, 3: 9300.0, 4: 14900.0, 5: 1250.0, 6: 680.0, 7: 2350.0, 9: 6300.0, 11: 18100.0,
           12: 1120.0}
S3_2021 = {1: 263500.0, 2: 13000.0, 3: 9500.0, 4: 15600.0, 5: 1300.0, 6: 700.0, 7: 2400.0, 9: 6500.0, 11: 17600.0,
           12: 1100.0}
S3_NAMES = {1: "購買的商品與服務", 2: "資本財", 3: "燃料與能源相關活動", 4: "上游運輸", 5: "營運廢棄物", 6: "商務差旅",
            7: "員工通勤", 9: "下游運輸", 11: "售出產品的使用", 12: "售出產品最終處理"}
ISO_OF = {1: 4, 2: 4, 3: 4, 5: 4, 4: 3, 6: 3, 7: 3, 9: 3, 11: 5, 12: 5}


def _row(year, site, scope, iso, s3, source, gas, act=None, act_unit=None, ef=None, ef_unit=None, gwp=None,
         stated=None, method=None, data_source=None):
    scope_zh = {1: "範疇一", 2: "範疇二", 3: "範疇三"}[scope]
    return [year, site, scope_zh, f"類別{iso}", s3, source, gas, act, act_unit, ef, ef_unit, gwp, stated,
            {"location": "地點基準", "market": "市場基準", None: None}[method], data_source]


def inventory_rows() -> list[list]:
    rows = []
    # 2023 Scope 1 with activity data: Taoyuan 5,410.0, Taichung 3,102.0.
    rows += [
        _row(2023, TY, 1, 1, None, "天然氣（鍋爐）", "CO2", 2000, "千立方公尺", 1879, "kgCO2/千立方公尺", 1, 3758.0),
        _row(2023, TY, 1, 1, None, "柴油（緊急發電機）", "CO2", 50, "公秉", 2606, "kgCO2/公秉", 1, 130.3),
        _row(2023, TY, 1, 1, None, "冷氣機冷媒逸散", "R-410A", 100, "公斤", 1, "kg/kg", 1923.5, 192.35),
        _row(2023, TY, 1, 1, None, "製程排放", "CO2e", None, None, None, None, None, 1329.35),
        _row(2023, TC, 1, 1, None, "天然氣（鍋爐）", "CO2", 1500, "千立方公尺", 1879, "kgCO2/千立方公尺", 1, 2818.5),
        _row(2023, TC, 1, 1, None, "GIS開關設備", "SF6", 10, "公斤", 1, "kg/kg", 23500, 235.0),
        _row(2023, TC, 1, 1, None, "化糞池", "CH4", None, None, None, None, 28, 48.5),
    ]
    # 2023 Scope 2: location (all grid electricity) and market (net of 20,000 MWh renewables).
    rows += [
        _row(2023, TY, 2, 2, None, "外購電力", "CO2e", 55410000, "kWh", 0.494, "kgCO2e/kWh", 1, 27372.54, "location"),
        _row(2023, TC, 2, 2, None, "外購電力", "CO2e", 36940000, "kWh", 0.494, "kgCO2e/kWh", 1, 18248.36, "location"),
        _row(2023, TY, 2, 2, None, "外購電力（扣除再生能源）", "CO2e", 43410000, "kWh", 0.494, "kgCO2e/kWh", 1, 21444.54, "market"),
        _row(2023, TY, 2, 2, None, "再生能源（PPA 8,000 MWh + T-REC 4,000 MWh）", "CO2e", 12000000, "kWh", 0, "kgCO2e/kWh", 1, 0, "market"),
        _row(2023, TC, 2, 2, None, "外購電力（扣除再生能源）", "CO2e", 28940000, "kWh", 0.494, "kgCO2e/kWh", 1, 14296.36, "market"),
        _row(2023, TC, 2, 2, None, "再生能源（T-REC 8,000 MWh）", "CO2e", 8000000, "kWh", 0, "kgCO2e/kWh", 1, 0, "market"),
    ]
    for cat, val in S3_2023.items():
        rows.append(_row(2023, None, 3, ISO_OF[cat], cat, S3_NAMES[cat], "CO2e", stated=val))
    # 2021–2022 summary rows (no activity data).
    for year, (ty1, tc1), s3 in ((2021, (5800.0, 3320.0), S3_2021), (2022, (5650.0, 3255.0), S3_2022)):
        f = FACTS[year]
        rows.append(_row(year, TY, 1, 1, None, "範疇一合計（摘要）", "CO2e", stated=ty1))
        rows.append(_row(year, TC, 1, 1, None, "範疇一合計（摘要）", "CO2e", stated=tc1))
        rows.append(_row(year, None, 2, 2, None, "外購電力", "CO2e", stated=f["s2_loc"], method="location"))
        rows.append(_row(year, None, 2, 2, None, "外購電力（扣除再生能源）", "CO2e", stated=f["s2_mkt"], method="market"))
        for cat, val in s3.items():
            rows.append(_row(year, None, 3, ISO_OF[cat], cat, S3_NAMES[cat], "CO2e", stated=val))
    return rows


TARGET_HEADERS = ["目標名稱", "目標類型", "範疇涵蓋", "範疇二方法", "基準年", "基準年排放量(公噸CO2e)", "目標年", "減量幅度(%)",
                  "目標期間", "涵蓋比例(%)", "設定年", "SBTi狀態"]
TARGET_ROWS = [
    ["範疇一二絕對減量（近期）", "絕對", "1+2", "市場基準", 2021, 58238.5, 2030, 42, "近期", 100, 2023, "已通過SBTi確認"],
    ["範疇三C1+C4絕對減量（近期）", "絕對", "3:C1+C4", None, 2021, 279100.0, 2030, 25, "近期", 84.3, 2023, "已通過SBTi確認"],
    ["範疇一二中期目標", "絕對", "1+2", "市場基準", 2021, 58238.5, 2025, 20, "近期", 100, 2023, "內部目標"],
    ["淨零排放（長期）", "絕對", "1+2+3", "市場基準", 2021, 389438.5, 2050, 90, "長期", 95, 2023, "已通過SBTi確認"],
]


def build_workbook(path: Path, rows: list[list] | None = None, targets: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "盤查清冊"
    ws.append(HEADERS)
    for r in rows if rows is not None else inventory_rows():
        ws.append(r)
    op = wb.create_sheet("營運資料")
    op.append(["年度", "營業收入(新台幣百萬元)", "產量(千件)"])
    op.append([2021, 33200, 38500])
    op.append([2022, 36900, 40100])
    op.append([2023, 38600, 41200])
    if targets:
        ts = wb.create_sheet("減碳目標")
        ts.append(TARGET_HEADERS)
        for r in TARGET_ROWS:
            ts.append(r)
    wb.save(path)
    return path


