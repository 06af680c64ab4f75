"""Data files: GHG inventory workbook (docs/inventory_format.md), emissions & energy workbook and the
Big5 (cp950) monthly electricity CSV; plus their verification."""
import csv
import io
from decimal import Decimal as D

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

INV_FILE = "溫室氣體盤查清冊_2021-2023.xlsx"
DATA_FILE = "排放與能源數據_2021-2023.xlsx"
CSV_FILE = "2023年各廠用電明細.csv"

INV_HEADERS = ["年度", "廠區", "範疇", "ISO類別", "範疇三類別", "排放源", "溫室氣體", "活動數據", "活動數據單位",
               "排放係數", "排放係數單位", "GWP", "排放量(公噸CO2e)", "範疇二計算方法", "資料來源"]
TARGET_HEADERS = ["目標名稱", "目標類型", "範疇涵蓋", "範疇二方法", "基準年", "基準年排放量", "目標年", "減量幅度(%)",
                  "目標期間", "涵蓋比例(%)", "設定年", "SBTi狀態"]
CSV_HEADERS = ["年月", "廠區", "電號", "契約容量(kW)", "尖峰度數(kWh)", "半尖峰度數(kWh)", "離峰度數(kWh)",
               "總用電度數(kWh)", "其中轉供綠電(kWh)"]

HFONT = Font(name="Noto Sans CJK TC", bold=True)
BFONT = Font(name="Noto Sans CJK TC")
HFILL = PatternFill("solid", fgColor="DCE6EA")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _num(x):
    if x is None:
        return None
    if isinstance(x, D):
        return int(x) if x == x.to_integral_value() and x.as_tuple().exponent >= 0 else float(x)
    return x


def _style_sheet(ws, widths, header_row=1, ncols=None):
    ncols = ncols or len(widths)
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    for c in ws[header_row][:ncols]:
        c.font, c.fill, c.border = HFONT, HFILL, BORDER
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _body(ws, first_row, last_row, ncols):
    for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=ncols):
        for c in row:
            c.border = BORDER
            c.font = BFONT


ACT_FMT = {"千立方公尺": "#,##0.000", "公秉": "#,##0.00", "kWh": "#,##0", "人時": "#,##0", "公斤": "#,##0.0"}


def write_inventory(B, path):
    wb = Workbook()
    ws = wb.active
    ws.title = "盤查清冊"
    ws.append(INV_HEADERS)
    for r in B.inventory_rows():
        ws.append([r["year"], r["site"], r["scope"], r["iso"], r["s3cat"], r["source"], r["gas"], _num(r["act"]),
                   r["unit"], _num(r["ef"]), r["ef_unit"], _num(r["gwp"]), float(r["em"]), r["method"], r["src"]])
        i = ws.max_row
        if r["unit"]:
            ws.cell(i, 8).number_format = ACT_FMT[r["unit"]]
        ws.cell(i, 10).number_format = "#,##0.0####"
        ws.cell(i, 12).number_format = "#,##0.0##"
        ws.cell(i, 13).number_format = "#,##0.000"
    _body(ws, 2, ws.max_row, len(INV_HEADERS))
    _style_sheet(ws, [7, 16, 8, 8, 10, 34, 10, 14, 11, 11, 30, 8, 16, 13, 60])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(INV_HEADERS))}{ws.max_row}"

    ws = wb.create_sheet("營運資料")
    ws.append(["年度", "營業收入(新台幣百萬元)", "產量(千件)"])
    for y in B.YEARS:
        ws.append([y, B.REVENUE[y], B.PRODUCTION[y]])
        ws.cell(ws.max_row, 2).number_format = "#,##0"
        ws.cell(ws.max_row, 3).number_format = "#,##0"
    _body(ws, 2, ws.max_row, 3)
    _style_sheet(ws, [8, 24, 14])

    ws = wb.create_sheet("減碳目標")
    ws.append(TARGET_HEADERS)
    rows = [
        ["近期目標－範疇一＋二絕對減量", "絕對", "1+2", "市場基準", 2021, float(B.S12_BASE), 2030, 42, "近期", 100, 2023,
         "已通過確認（2023-11）"],
        ["近期目標－範疇三類別1＋類別4絕對減量", "絕對", "3:C1+C4", None, 2021, float(B.S3_C1C4_BASE), 2030, 25, "近期",
         84.3, 2023, "已通過確認（2023-11）"],
        ["中期目標－範疇一＋二絕對減量（2025）", "絕對", "1+2", "市場基準", 2021, float(B.S12_BASE), 2025, 20, "近期",
         100, 2023, "不適用（公司內部目標）"],
        ["長期目標－2050淨零排放", "絕對", "1+2+3", "市場基準", 2021, float(B.TOTAL_BASE_MKT), 2050, 90, "長期", 100,
         2023, "已通過確認（2023-11）"],
    ]
    for r in rows:
        ws.append(r)
        ws.cell(ws.max_row, 6).number_format = "#,##0.0"
    _body(ws, 2, ws.max_row, len(TARGET_HEADERS))
    _style_sheet(ws, [38, 9, 10, 11, 8, 14, 8, 11, 9, 11, 8, 22])
    wb.properties.creator = B.CO
    wb.save(path)


def write_data(B, path):
    wb = Workbook()
    f1 = "#,##0.0"

    # 排放總覽 -------------------------------------------------------------------------------
    ws = wb.active
    ws.title = "排放總覽"
    ws.append(["項目", 2021, 2022, 2023])
    s12loc = {y: B.SCOPE1[y] + B.SCOPE2_LOC[y] for y in B.YEARS}
    tot = {y: s12loc[y] + B.SCOPE3[y] for y in B.YEARS}
    rows = [
        ("範疇一", B.SCOPE1, f1),
        ("範疇二（地點基準）", B.SCOPE2_LOC, f1),
        ("範疇二（市場基準）", B.SCOPE2_MKT, f1),
        ("範疇三", B.SCOPE3, f1),
        ("範疇一＋二（地點基準）", s12loc, f1),
        ("範疇一＋二（市場基準）", B.S12_MKT, f1),
        ("總排放量（範疇一＋二地點基準＋範疇三）", tot, f1),
        ("營業收入（新台幣百萬元）", {y: D(B.REVENUE[y]) for y in B.YEARS}, "#,##0"),
        ("排放密集度（範疇一＋二市場基準／營收百萬元）",
         {y: (B.S12_MKT[y] / B.REVENUE[y]).quantize(D("0.0001")) for y in B.YEARS}, "0.0000"),
        ("範疇一＋二（市場基準）較基準年增減(%)",
         {y: ((B.S12_MKT[y] / B.S12_BASE - 1) * 100).quantize(D("0.1")) for y in B.YEARS}, "0.0"),
    ]
    for label, vals, fmt in rows:
        ws.append([label] + [float(vals[y]) for y in B.YEARS])
        for j in (2, 3, 4):
            ws.cell(ws.max_row, j).number_format = fmt
    _body(ws, 2, ws.max_row, 4)
    ws.append([])
    ws.append(["單位：公噸CO2e（另有標示者除外）。資料來源：各年度溫室氣體盤查報告書，經立衡驗證股份有限公司查證。"])
    ws.append(["2021年為基準年（民國110年）；電力排碳係數：2021年0.509、2022年0.495、2023年0.494 kgCO2e/kWh。"])
    _style_sheet(ws, [46, 14, 14, 14])

    # 廠區別 ---------------------------------------------------------------------------------
    ws = wb.create_sheet("廠區別")
    ws.append(["項目", 2021, 2022, 2023])
    for s in B.SITES:
        ws.append([f"範疇一－{s}"] + [float(B.SCOPE1_SITE[y][s]) for y in B.YEARS])
    for s in B.SITES:
        ws.append([f"範疇二（地點基準）－{s}"] +
                  [float(D(B.ELEC_SITE_MWH[y][s]) * B.GRID_EF[y]) for y in B.YEARS])
    for s in B.SITES:
        ws.append([f"範疇二（市場基準）－{s}"] +
                  [float(D(B.ELEC_SITE_MWH[y][s] - sum(B.RE_SITE_MWH[y][s].values())) * B.GRID_EF[y])
                   for y in B.YEARS])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=4):
        for c in row:
            c.number_format = "#,##0.00"
    _body(ws, 2, ws.max_row, 4)
    _style_sheet(ws, [40, 14, 14, 14])

    # 範疇三明細 -------------------------------------------------------------------------------
    ws = wb.create_sheet("範疇三明細")
    ws.append(["範疇三類別", "類別名稱", 2021, 2022, 2023])
    for c in range(1, 16):
        name = B.S3_NAMES[c][0]
        if c in B.S3_CAT[2023]:
            ws.append([c, name] + [float(B.S3_CAT[y][c]) for y in B.YEARS])
        else:
            ws.append([c, name + "（不適用）", None, None, None])
    ws.append(["合計", "", *[float(B.SCOPE3[y]) for y in B.YEARS]])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=5):
        for c in row:
            c.number_format = f1
    _body(ws, 2, ws.max_row, 5)
    _style_sheet(ws, [12, 40, 14, 14, 14])

    # 能源使用 ---------------------------------------------------------------------------------
    ws = wb.create_sheet("能源使用")
    ws.append(["項目", "單位", 2021, 2022, 2023])
    e = {y: B.energy_gj(y) for y in B.YEARS}
    rows = [
        (f"外購電力－{B.SITE_TY}", "MWh", {y: B.ELEC_SITE_MWH[y][B.SITE_TY] for y in B.YEARS}, "#,##0"),
        (f"外購電力－{B.SITE_TC}", "MWh", {y: B.ELEC_SITE_MWH[y][B.SITE_TC] for y in B.YEARS}, "#,##0"),
        ("外購電力合計", "MWh", B.ELEC_MWH, "#,##0"),
        ("天然氣", "千立方公尺", {y: B.fuel_total(y, "NG") for y in B.YEARS}, "#,##0.000"),
        ("柴油", "公秉", {y: B.fuel_total(y, "DIESEL") for y in B.YEARS}, "#,##0.00"),
        ("車用汽油", "公秉", {y: B.fuel_total(y, "GASOLINE") for y in B.YEARS}, "#,##0.00"),
        ("外購電力（熱值換算）", "GJ", {y: e[y]["ELEC"] for y in B.YEARS}, "#,##0"),
        ("天然氣（熱值換算）", "GJ", {y: e[y]["NG"] for y in B.YEARS}, "#,##0"),
        ("柴油（熱值換算）", "GJ", {y: e[y]["DIESEL"] for y in B.YEARS}, "#,##0"),
        ("車用汽油（熱值換算）", "GJ", {y: e[y]["GASOLINE"] for y in B.YEARS}, "#,##0"),
        ("能源總使用量", "GJ", {y: e[y]["TOTAL"] for y in B.YEARS}, "#,##0"),
        ("能源密集度", "GJ／營收百萬元",
         {y: (e[y]["TOTAL"] / B.REVENUE[y]).quantize(D("0.01")) for y in B.YEARS}, "0.00"),
    ]
    for label, unit, vals, fmt in rows:
        ws.append([label, unit] + [_num(D(vals[y])) for y in B.YEARS])
        for j in (3, 4, 5):
            ws.cell(ws.max_row, j).number_format = fmt
    _body(ws, 2, ws.max_row, 5)
    ws.append([])
    ws.append(["熱值：天然氣8,000 kcal/m3、柴油8,400 kcal/L、車用汽油7,800 kcal/L；電力1 MWh＝3.6 GJ。"
               "2023年各廠每月用電請見「2023年各廠用電明細.csv」。"])
    _style_sheet(ws, [30, 16, 14, 14, 14])

    # 再生能源 ---------------------------------------------------------------------------------
    ws = wb.create_sheet("再生能源")
    ws.append(["項目", "單位", 2021, 2022, 2023])
    rows = [
        ("外購電力總量", "MWh", B.ELEC_MWH, "#,##0"),
        ("綠電轉供（企業購售電契約PPA）", "MWh", B.PPA_MWH, "#,##0"),
        ("再生能源憑證（T-REC）", "MWh", B.TREC_MWH, "#,##0"),
        ("再生能源合計", "MWh", B.RE_MWH, "#,##0"),
        ("再生能源比例", "%", {y: D(B.RE_SHARE[y]) for y in B.YEARS}, "0.0"),
        ("電力排碳係數（經濟部能源署公告）", "kgCO2e/kWh", B.GRID_EF, "0.000"),
    ]
    for label, unit, vals, fmt in rows:
        ws.append([label, unit] + [_num(D(vals[y])) for y in B.YEARS])
        for j in (3, 4, 5):
            ws.cell(ws.max_row, j).number_format = fmt
    _body(ws, 2, ws.max_row, 5)
    ws.append([])
    ws.append(["2022年T-REC 6,000 MWh全數用於桃園總部暨一廠；2023年綠電轉供8,000 MWh（澄嵐綠能太陽光電，轉供至桃園總部暨一廠），"
               "T-REC 12,000 MWh（桃園總部暨一廠5,000 MWh、台中二廠7,000 MWh）。目標：2030年50%、2040年100%（RE100）。"])
    _style_sheet(ws, [34, 14, 12, 12, 12])

    # 基準年 -----------------------------------------------------------------------------------
    ws = wb.create_sheet("基準年")
    ws.append(["項目", "內容"])
    for k, v in [
        ("基準年", "2021年（民國110年）"),
        ("選定理由", "首次完整盤查類別1至類別5並經第三方查證之年度；作為SBTi近期及淨零目標之基準"),
        ("基準年範疇一（公噸CO2e）", float(B.SCOPE1[2021])),
        ("基準年範疇二－地點基準（公噸CO2e）", float(B.SCOPE2_LOC[2021])),
        ("基準年範疇二－市場基準（公噸CO2e）", float(B.SCOPE2_MKT[2021])),
        ("基準年範疇一＋二－市場基準（公噸CO2e）", float(B.S12_BASE)),
        ("基準年範疇三（公噸CO2e）", float(B.SCOPE3[2021])),
        ("基準年範疇三類別1＋類別4（公噸CO2e）", float(B.S3_C1C4_BASE)),
        ("類別1＋類別4占範疇三比例", "84.3%"),
        ("GWP", "IPCC AR5（基準年原以AR4計算，已於2022年依AR5重新計算）"),
        ("重新計算政策", "組織結構、計算方法或排放係數變更，或重大錯誤致基準年排放量累計變動達5%以上時重新計算"),
        ("2022、2023年檢視結果", "未達重新計算門檻，基準年排放量維持不變"),
    ]:
        ws.append([k, v])
        if isinstance(v, float):
            ws.cell(ws.max_row, 2).number_format = "#,##0.0"
            ws.cell(ws.max_row, 2).alignment = Alignment(horizontal="left")
    _body(ws, 2, ws.max_row, 2)
    _style_sheet(ws, [40, 90])
    wb.properties.creator = B.CO
    wb.save(path)


def csv_text(B) -> str:
    me = B.monthly_elec()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADERS)
    for s in B.SITES:
        for r in me[s]:
            w.writerow([f"2023/{r['month']:02d}", s, B.METER[s], B.CONTRACT_KW[s], r["peak"], r["half"], r["off"],
                        r["kwh"], r["ppa"]])
    return buf.getvalue()


def write_all(B, out):
    write_inventory(B, out / INV_FILE)
    write_data(B, out / DATA_FILE)
    (out / CSV_FILE).write_bytes(csv_text(B).encode("cp950"))


# ----------------------------------------------------------------------------------------------
def verify_all(B, out):
    wb = load_workbook(out / INV_FILE, data_only=True)
    assert wb.sheetnames == ["盤查清冊", "營運資料", "減碳目標"], wb.sheetnames
    ws = wb["盤查清冊"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == INV_HEADERS, rows[0]
    recs = [dict(zip(INV_HEADERS, r)) for r in rows[1:]]
    tot = {}
    for r in recs:
        if r["活動數據"] is not None:
            calc = D(str(r["活動數據"])) * D(str(r["排放係數"])) * D(str(r["GWP"])) / 1000
            em = D(str(r["排放量(公噸CO2e)"]))
            assert abs(calc - em) <= D("0.1"), r
        key = (r["年度"], r["範疇"], r["範疇二計算方法"])
        tot[key] = tot.get(key, D(0)) + D(str(r["排放量(公噸CO2e)"]))
    for y in B.YEARS:
        assert tot[(y, "範疇一", None)] == B.SCOPE1[y]
        assert tot[(y, "範疇二", "地點基準")] == B.SCOPE2_LOC[y]
        assert tot[(y, "範疇二", "市場基準")] == B.SCOPE2_MKT[y]
        assert tot[(y, "範疇三", None)] == B.SCOPE3[y]
    assert [c.value for c in wb["減碳目標"][1]] == TARGET_HEADERS
    print(f"ok  {INV_FILE}: {len(recs)} inventory rows recompute and sum to the fact sheet")

    wb = load_workbook(out / DATA_FILE, data_only=True)
    ws = wb["排放總覽"]
    assert [c.value for c in ws[1]] == ["項目", 2021, 2022, 2023]
    got = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    for label, dct in (("範疇一", B.SCOPE1), ("範疇二（地點基準）", B.SCOPE2_LOC),
                       ("範疇二（市場基準）", B.SCOPE2_MKT), ("範疇三", B.SCOPE3)):
        assert [D(str(v)) for v in got[label]] == [dct[y] for y in B.YEARS], label
    print(f"ok  {DATA_FILE}: sheets {wb.sheetnames}")

    raw = (out / CSV_FILE).read_bytes()
    try:
        raw.decode("utf-8")
        raise AssertionError("CSV must not be valid UTF-8 (it is meant to be Big5/cp950)")
    except UnicodeDecodeError:
        pass
    rdr = list(csv.DictReader(io.StringIO(raw.decode("cp950"))))
    for s in B.SITES:
        srows = [r for r in rdr if r["廠區"] == s]
        assert len(srows) == 12
        assert sum(int(r["總用電度數(kWh)"]) for r in srows) == B.ELEC_SITE_MWH[2023][s] * 1000
        assert all(int(r["尖峰度數(kWh)"]) + int(r["半尖峰度數(kWh)"]) + int(r["離峰度數(kWh)"])
                   == int(r["總用電度數(kWh)"]) for r in srows)
        assert sum(int(r["其中轉供綠電(kWh)"]) for r in srows) == B.RE_SITE_MWH[2023][s].get("PPA", 0) * 1000
    print(f"ok  {CSV_FILE}: cp950, monthly kWh sum to the site totals")
