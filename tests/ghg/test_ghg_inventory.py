"""Reading inventories: header variants, encodings, ROC years, number formats, recomputation and its flags."""
from __future__ import annotations

import openpyxl
import pytest

from disclosure.errors import InventoryColumnsError, InventoryFormatError
from disclosure.ghg import load_inventory, template_bytes, total, write_template
from disclosure.ghg.cells import parse_number, parse_year
from disclosure.ghg.inventory import decode_bytes

ZH_HEADER = "年度,廠區,範疇,ISO類別,範疇三類別,排放源,溫室氣體,活動數據,活動數據單位,排放係數,排放係數單位,GWP,排放量(公噸CO2e),範疇二計算方法,資料來源\n"


def _csv(tmp_path, text: str, encoding: str = "utf-8", name: str = "inv.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_natural_gas_hand_computed(tmp_path):
    # 100 千立方公尺 × 1,879 kgCO2/千立方公尺 × GWP 1 / 1000 = 187.9 t
    # 100 千立方公尺 × 0.0335 kgCH4/千立方公尺 × GWP 28 / 1000 = 0.0938 t
    # 100 千立方公尺 × 0.00335 kgN2O/千立方公尺 × GWP 265 / 1000 = 0.088775 t
    text = ZH_HEADER + (
        "2023,桃園廠,範疇一,類別1,,天然氣（鍋爐）,CO2,100,千立方公尺,1879,kgCO2/千立方公尺,1,187.9,,\n"
        "2023,桃園廠,範疇一,類別1,,天然氣（鍋爐）,CH4,100,千立方公尺,0.0335,kgCH4/千立方公尺,28,0.0938,,\n"
        "2023,桃園廠,範疇一,類別1,,天然氣（鍋爐）,N2O,100,千立方公尺,0.00335,kgN2O/千立方公尺,,,,\n"
    )
    inv = load_inventory(_csv(tmp_path, text))
    co2, ch4, n2o = inv.records
    assert co2.computed_tco2e == pytest.approx(187.9)
    assert ch4.computed_tco2e == pytest.approx(0.0938)
    assert n2o.computed_tco2e == pytest.approx(0.088775)  # GWP taken from the AR5 table
    assert n2o.stated_tco2e is None and n2o.tco2e == pytest.approx(0.088775)
    assert total(inv, year=2023) == pytest.approx(187.9 + 0.0938 + 0.088775)
    assert inv.issues == []


def test_electricity_in_mwh_against_a_per_kwh_factor(tmp_path):
    # 1,000 MWh × 0.494 kgCO2e/kWh = 494 t
    text = ZH_HEADER + "2023,台中廠,範疇二,類別2,,外購電力,CO2e,1000,MWh,0.494,kgCO2e/kWh,1,494,地點基準,台電帳單\n"
    rec = load_inventory(_csv(tmp_path, text)).records[0]
    assert rec.computed_tco2e == pytest.approx(494.0)
    assert rec.scope2_method == "location" and rec.data_source == "台電帳單"


def test_factor_in_tonnes_is_not_divided_by_1000(tmp_path):
    text = ZH_HEADER + "2023,,範疇一,類別1,,柴油,CO2,10,公秉,2.606,tCO2/公秉,1,26.06,,\n"
    assert load_inventory(_csv(tmp_path, text)).records[0].computed_tco2e == pytest.approx(26.06)


def test_stated_emissions_that_disagree_are_flagged_with_the_row(tmp_path):
    text = ZH_HEADER + "2023,桃園廠,範疇一,類別1,,天然氣,CO2,100,千立方公尺,1879,kgCO2/千立方公尺,1,197.9,,\n"
    inv = load_inventory(_csv(tmp_path, text))
    (issue,) = inv.issues
    assert issue.kind == "emissions_mismatch"
    assert issue.stated == 197.9 and issue.computed == pytest.approx(187.9) and issue.difference == pytest.approx(10.0)
    assert issue.provenance.row == 2 and issue.provenance.file == "inv.csv"
    # totals still use what the company stated
    assert total(inv) == pytest.approx(197.9)


def test_small_differences_within_tolerance_are_not_flagged(tmp_path):
    # 0.09 t off: below the 0.1 t floor even though it is 0.05 %… and 0.4 % off a large figure.
    text = ZH_HEADER + (
        "2023,,範疇一,類別1,,天然氣,CO2,100,千立方公尺,1879,kgCO2/千立方公尺,1,187.99,,\n"
        "2023,,範疇二,類別2,,外購電力,CO2e,10000000,kWh,0.494,kgCO2e/kWh,1,4960,地點基準,\n"
    )
    assert load_inventory(_csv(tmp_path, text)).issues == []


def test_gwp_from_another_report_is_reported(tmp_path):
    text = ZH_HEADER + "2023,,範疇一,類別1,,冰水機冷媒,HFC-134a,10,公斤,1,kg/kg,1430,14.3,,\n"
    inv = load_inventory(_csv(tmp_path, text))
    (issue,) = inv.issues
    assert issue.kind == "gwp_differs" and "AR4" in issue.message and "1300" in issue.message


def test_unreconcilable_units_are_reported_not_guessed(tmp_path):
    text = ZH_HEADER + "2023,,範疇一,類別1,,柴油,CO2,10,公秉,2606,kgCO2/kWh,1,26.06,,\n"
    inv = load_inventory(_csv(tmp_path, text))
    assert inv.records[0].computed_tco2e is None
    assert [i.kind for i in inv.issues] == ["unit_mismatch"]


def test_unknown_gas_without_gwp_is_reported(tmp_path):
    text = ZH_HEADER + "2023,,範疇一,類別1,,滅火器,HFC-4310,1,公斤,1,kg/kg,,0.1,,\n"
    inv = load_inventory(_csv(tmp_path, text))
    assert [i.kind for i in inv.issues] == ["unknown_gas"]


def test_big5_csv_is_read(tmp_path):
    text = ZH_HEADER + "2023,台中二廠,範疇一,類別1,,柴油（緊急發電機）,CO2,50,公秉,2606,kgCO2/公秉,1,130.3,,\n"
    p = _csv(tmp_path, text, encoding="cp950")
    assert decode_bytes(p.read_bytes())[1] == "cp950"
    rec = load_inventory(p).records[0]
    assert rec.facility == "台中二廠" and rec.source == "柴油（緊急發電機）"
    assert rec.computed_tco2e == pytest.approx(130.3)


@pytest.mark.parametrize("encoding,expected", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-8", "utf-8")])
def test_utf8_bom_and_utf16_csv_are_read(tmp_path, encoding, expected):
    text = ZH_HEADER + "2023,,範疇一,類別1,,柴油,CO2,,,,,,130.3,,\n"
    p = _csv(tmp_path, text, encoding=encoding)
    assert decode_bytes(p.read_bytes())[1] == expected
    assert load_inventory(p).records[0].stated_tco2e == 130.3


def test_utf16_without_bom_and_tab_separated(tmp_path):
    text = ZH_HEADER.replace(",", "\t") + "2023\t\t範疇一\t類別1\t\t柴油\tCO2\t\t\t\t\t\t130.3\t\t\n"
    p = tmp_path / "inv.txt"
    p.write_bytes(text.encode("utf-16-le"))
    assert load_inventory(p).records[0].stated_tco2e == 130.3


def test_english_headers_are_recognised(tmp_path):
    text = ("Year,Facility,Scope,ISO 14064-1 category,Scope 3 category,Emission source,Gas,Activity data,Activity unit,"
            "Emission factor,Factor unit,GWP,Emissions (tCO2e),Scope 2 method,Source\n"
            "2023,Taoyuan,Scope 1,1,,Natural gas,CO2,100,千立方公尺,1879,kgCO2/千立方公尺,1,187.9,,\n"
            "2023,,Scope 3,4,1,Purchased goods,CO2e,,,,,,\"248,300.0\",,supplier data\n")
    inv = load_inventory(_csv(tmp_path, text))
    s1, s3 = inv.records
    assert (s1.scope, s1.iso_category, s1.facility) == (1, 1, "Taoyuan")
    assert (s3.scope, s3.scope3_category, s3.iso_category, s3.stated_tco2e, s3.data_source) == (3, 1, 4, 248300.0, "supplier data")


def test_minimal_headers_without_scope_use_iso_category(tmp_path):
    text = "年度,類別,排放源,排放量\n2023,類別2,外購電力,100\n2023,類別4,原料,50\n"
    inv = load_inventory(_csv(tmp_path, text))
    assert [(r.scope, r.iso_category) for r in inv.records] == [(2, 2), (3, 4)]


def test_roc_years_full_width_digits_and_separators(tmp_path):
    text = ZH_HEADER + (
        "112,,範疇一,類別1,,柴油,CO2,,,,,,\"１，２３４．５\",,\n"
        "民國111年,,範疇一,類別1,,柴油,CO2,,,,,,\"1,000\",,\n"
        "110年度,,範疇一,類別1,,柴油,CO2,,,,,,900,,\n"
    )
    inv = load_inventory(_csv(tmp_path, text))
    assert [(r.year, r.stated_tco2e) for r in inv.records] == [(2023, 1234.5), (2022, 1000.0), (2021, 900.0)]


@pytest.mark.parametrize("raw,year", [(2023, 2023), ("2023年", 2023), ("FY2023", 2023), ("112", 2023), ("民國 112 年", 2023),
                                      ("中華民國112年度", 2023), (110.0, 2021)])
def test_parse_year(raw, year):
    assert parse_year(raw) == year


@pytest.mark.parametrize("raw,value", [("1,234.5", 1234.5), ("１２３", 123.0), ("−5", -5.0), ("42%", 42.0), ("-", None),
                                       ("", None), ("N/A", None), ("(12)", -12.0), (7, 7.0)])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


def test_emissions_header_in_kilograms_is_scaled(tmp_path):
    text = "年度,範疇,排放源,排放量(公斤CO2e)\n2023,1,柴油,\"130,300\"\n"
    assert load_inventory(_csv(tmp_path, text)).records[0].stated_tco2e == pytest.approx(130.3)


def test_total_rows_are_not_counted_twice(tmp_path):
    text = ZH_HEADER + (
        "2023,,範疇一,類別1,,柴油,CO2,,,,,,100,,\n"
        "2023,,範疇一,類別1,,天然氣,CO2,,,,,,200,,\n"
        "2023,,合計,,,,,,,,,,300,,\n"
    )
    assert total(load_inventory(_csv(tmp_path, text))) == 300


def test_missing_columns_give_a_clear_message(tmp_path):
    p = _csv(tmp_path, "廠區,排放源,溫室氣體,備註\n桃園,柴油,CO2,x\n")
    with pytest.raises(InventoryColumnsError) as exc:
        load_inventory(p)
    err = exc.value
    assert "年度 (Year)" in err.missing[0]
    assert any("範疇 (Scope)" in m for m in err.missing)
    assert any("排放量" in m for m in err.missing)
    assert {"廠區", "排放源", "溫室氣體"} <= set(err.found)
    msg = str(err)
    assert "missing column(s)" in msg and "found 廠區" in msg and "template" in msg


def test_bad_value_skips_the_row_and_says_which(tmp_path):
    text = ZH_HEADER + "2023,,範疇一,類別1,,柴油,CO2,,,,,,abc,,\n2023,,範疇一,類別1,,天然氣,CO2,,,,,,5,,\n"
    inv = load_inventory(_csv(tmp_path, text))
    assert len(inv.records) == 1
    (issue,) = inv.issues
    assert issue.kind == "unreadable_value" and issue.provenance.row == 2 and "abc" in issue.message


def test_xlsx_provenance_names_sheet_and_cell(sample_inventory):
    rec = sample_inventory.records[0]
    assert rec.provenance.sheet == "盤查清冊"
    assert rec.provenance.cell == "M2" and rec.provenance.row == 2


def test_header_below_a_title_row_and_merged_year_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "盤查清冊"
    ws.append(["晨曜電子 溫室氣體盤查清冊"])
    ws.append(["年度", "範疇", "排放源", "排放量(公噸CO2e)"])
    ws.append([2023, "範疇一", "柴油", 10])
    ws.append([None, "範疇一", "天然氣", 20])
    ws.merge_cells("A3:A4")
    p = tmp_path / "merged.xlsx"
    wb.save(p)
    inv = load_inventory(p)
    assert [(r.year, r.stated_tco2e, r.provenance.row) for r in inv.records] == [(2023, 10, 3), (2023, 20, 4)]


def test_not_a_workbook_raises_a_format_error(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InventoryFormatError, match="not a readable XLSX"):
        load_inventory(p)


def test_bytes_upload_with_a_filename(tmp_path):
    data = (ZH_HEADER + "2023,,範疇一,類別1,,柴油,CO2,,,,,,130.3,,\n").encode("cp950")
    inv = load_inventory(data, filename="上傳.csv")
    assert inv.source == "上傳.csv" and inv.records[0].stated_tco2e == 130.3


def test_template_round_trips_through_the_reader(tmp_path):
    p = write_template(tmp_path / "範本.xlsx")
    inv = load_inventory(p)
    (rec,) = inv.records
    assert rec.computed_tco2e == pytest.approx(rec.stated_tco2e) and inv.issues == []
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["盤查清冊", "營運資料", "減碳目標"]
    assert template_bytes()[:2] == b"PK"
    from disclosure.ghg import load_targets

    assert len(load_targets(p)) == 1 and 2023 in inv.operating


def test_scope2_method_read_from_the_source_when_no_method_column(tmp_path):
    text = "年度,範疇,排放源,排放量\n2023,2,外購電力（地點基準）,100\n2023,2,外購電力（市場基準）,60\n"
    inv = load_inventory(_csv(tmp_path, text))
    assert [r.scope2_method for r in inv.records] == ["location", "market"]
    assert total(inv, scope2_method="market") == 60


def test_a_site_named_total_is_not_a_totals_row(tmp_path):
    text = "年度,廠區,範疇,排放源,排放量\n2023,Total Solutions,1,柴油,5\n2023,,總計,,5\n"
    assert total(load_inventory(_csv(tmp_path, text))) == 5
