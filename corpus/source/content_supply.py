"""Supplier carbon policy + 2023 survey results (DOCX), 2022 sustainability report excerpt (PDF,
10 pages, FY2022 figures, targets as announced in March 2023) and the English board-training note
(Markdown)."""

# 2023 supplier survey by purchasing category: (sent, replied, with GHG inventory)
SURVEY = [
    ("印刷電路板", 24, 22, 14),
    ("被動元件", 30, 26, 12),
    ("半導體及IC", 18, 14, 9),
    ("金屬機構件", 28, 24, 8),
    ("塑膠件", 22, 17, 4),
    ("線材及連接器零件", 26, 20, 6),
    ("包裝材料", 16, 12, 3),
    ("物流服務", 16, 13, 5),
]
PCF_STAGES = [("原物料取得（含零組件製造）", "71.2"), ("零組件運輸", "3.1"), ("本公司製造（組裝、測試、包裝）", "12.1")]


def supplier_policy(B):
    d = B.Doc(header=f"{B.CO}　供應商碳管理及碳盤查調查政策", cover=False, size=10.5)
    assert sum(s[1] for s in SURVEY) == B.SUPPLIERS_SENT
    assert sum(s[2] for s in SURVEY) == B.SUPPLIERS_REPLIED
    assert sum(s[3] for s in SURVEY) == B.SUPPLIERS_INVENTORY
    assert sum(B.D(v) for _, v in PCF_STAGES) == B.PCF_PSU3000
    d.p("供應商碳管理及碳盤查調查政策", align="c", size=17, bold=True, color=B.ACCENT, font=B.SANS, space_after=6)
    d.table([
        ["文件編號", "CY-SCM-ESG-003", "版次", "1.1"],
        ["制定日期", "2023年6月13日（永續發展委員會通過）", "修訂日期", "2024年1月15日"],
        ["權責單位", "採購處／供應鏈工作小組", "核定", "永續長 王怡君"],
    ], widths=[2.4, 6.6, 2, 5.4], align=["c", "l", "c", "l"], header_rows=0, size=9.5)
    d.h2("一、目的")
    d.p("本公司範疇三排放量占總排放量八成以上，其中購買的商品與服務（範疇三類別1）為最主要來源。為達成經SBTi確認之"
        "近期目標（2030年範疇三類別1及類別4合計絕對排放量較2021年減少25%）及2050年淨零排放目標，特訂定本政策，"
        "規範供應商碳管理之要求、調查機制、輔導與評鑑方式。")
    d.h2("二、適用範圍")
    d.p("本政策適用於本公司所有直接材料、間接材料及物流服務供應商；其中依年度採購金額排序、合計占採購金額85%之供應商，"
        "以及經評估屬高排放類別（印刷電路板、半導體、金屬機構件）之供應商，列為「關鍵供應商」，應參與年度碳盤查調查。")
    d.h2("三、供應商碳管理要求")
    d.items([
        "（一）溫室氣體盤查：關鍵供應商應依ISO 14064-1或GHG Protocol完成組織型溫室氣體盤查，並於2026年前取得第三方查證。",
        "（二）減量目標：鼓勵供應商設定科學基礎減量目標；本公司以2030年前占採購金額70%之供應商設定科學基礎減量目標"
        "為努力方向。",
        "（三）再生能源：鼓勵供應商提高再生電力使用比例，並於報價時揭露供貨產線之用電來源。",
        "（四）產品碳足跡：主要零組件供應商應依本公司要求，提供依ISO 14067或PAS 2050計算之產品碳足跡，"
        "或提供計算所需之活動數據。",
        "（五）資料交換：本公司推動以PACT（Partnership for Carbon Transparency）資料規格交換產品碳足跡，"
        "供應商應配合提供符合規格之數據。",
    ], indent_cm=0.9, hang_cm=0.9)
    d.h2("四、年度碳盤查調查機制")
    d.items([
        "（一）調查對象：每年依前一年度採購金額更新關鍵供應商名單。",
        "（二）調查期間：每年7月1日至10月31日，透過供應商管理平台發放線上問卷。",
        "（三）調查內容：組織型盤查及查證情形、範疇一及範疇二排放量、減量目標、再生能源使用、產品碳足跡及氣候風險管理。",
        "（四）結果應用：調查結果用於範疇三類別1排放量計算（以供應商實際數據取代支出基礎係數）、供應商評鑑及輔導對象之篩選。",
    ], indent_cm=0.9, hang_cm=0.9)
    d.h2("五、評鑑、輔導與獎勵")
    d.p("碳管理表現占供應商年度評鑑總分之10%，項目包括問卷回覆、盤查查證、減量目標及再生能源使用。本公司每年提供"
        "盤查教育訓練及一對一輔導，對於評鑑優良之供應商，於同等條件下優先給予新產品開發及訂單分配機會；"
        "連續二年未回覆調查之關鍵供應商，列入採購風險名單並要求提出改善計畫。")
    d.h2("六、資料保密")
    d.p("供應商提供之排放及產品數據僅用於本公司溫室氣體盤查、產品碳足跡計算及客戶要求之揭露，非經供應商同意不得另作他用。")

    d.newpage()
    d.h1("附件一　112年度（2023年）供應商碳盤查調查結果")
    d.p(f"112年度調查對象為{B.SUPPLIERS_SENT}家關鍵供應商，占112年度採購金額之85%。截至10月31日，共{B.SUPPLIERS_REPLIED}家回覆，"
        f"回覆率{B.pct(B.SUPPLIERS_REPLIED, B.SUPPLIERS_SENT)}%；其中{B.SUPPLIERS_INVENTORY}家已完成組織型溫室氣體盤查，"
        f"占回覆家數之{B.pct(B.SUPPLIERS_INVENTORY, B.SUPPLIERS_REPLIED)}%。")
    rows = [["採購類別", "發放家數", "回覆家數", "回覆率", "已完成盤查家數"]]
    for cat, s, r, inv in SURVEY:
        rows.append([cat, str(s), str(r), f"{r / s * 100:.1f}%", str(inv)])
    rows.append(["合計", str(B.SUPPLIERS_SENT), str(B.SUPPLIERS_REPLIED),
                 f"{B.pct(B.SUPPLIERS_REPLIED, B.SUPPLIERS_SENT)}%", str(B.SUPPLIERS_INVENTORY)])
    d.table(rows, widths=[4.6, 2.6, 2.6, 2.6, 3.2], align=["l", "r", "r", "r", "r"], bold_rows=(len(rows) - 1,), size=9.5)
    d.p("其他調查結果：")
    d.items([
        "（一）回覆供應商中，37家已設定減量目標（25.0%），其中9家已通過SBTi確認。",
        "（二）22家可提供主要供貨產品之碳足跡（14.9%），多數依ISO 14067計算。",
        "（三）回覆供應商中有41家已使用再生電力，平均使用比例約12%。",
        "（四）範疇三類別1排放量中，採用供應商實際數據計算之部分約占採購金額31%（111年度為18%）。",
    ], indent_cm=0.9, hang_cm=0.9)
    d.p("113年度改善計畫：針對回覆但未完成盤查之87家供應商，優先輔導採購金額較高之20家完成盤查；"
        "未回覆之32家由採購主管親自拜訪說明，並納入季度業務檢討。")
    d.h1("附件二　伺服器電源模組PSU-3000產品碳足跡")
    d.p(f"本公司依ISO 14067:2018完成伺服器電源模組PSU-3000（3,000W，鈦金級效率）之產品碳足跡盤查，宣告單位為一台，"
        f"系統邊界為搖籃到大門（cradle-to-gate），數據期間為2022年10月至2023年9月，並於2023年11月取得立衡驗證股份有限公司"
        f"之查證聲明。PSU-3000之產品碳足跡為每台{B.PCF_PSU3000}公斤CO2e，各生命週期階段如下：")
    rows = [["生命週期階段", "碳足跡（kgCO2e／台）", "占比"]]
    for st, v in PCF_STAGES:
        rows.append([st, v, f"{B.D(v) / B.PCF_PSU3000 * 100:.1f}%"])
    rows.append(["合計", f"{B.PCF_PSU3000}", "100.0%"])
    d.table(rows, widths=[7.6, 4.4, 3], align=["l", "r", "r"], bold_rows=(4,), size=9.5)
    d.p("原物料取得階段以印刷電路板組裝、功率半導體及磁性元件為主要熱點，將列為供應商議合及低碳設計之優先項目。")
    d.h1("附件三　產品碳足跡資料交換試行（PACT）")
    d.p("為回應客戶對產品層級排放數據之需求，本公司將於2024年與一家美系伺服器品牌客戶試行符合PACT技術規格"
        "（Pathfinder Framework及資料交換協定）之產品碳足跡資料交換，首批涵蓋PSU-3000等3項產品。試行期間由產品工作小組"
        "負責數據品質與主要數據比例之揭露，並評估2025年擴大至其他客戶及主要供應商之可行性。")
    return d


# ----------------------------------------------------------------------------------------------
SR_TOC = [
    ("關於本報告書", 3, 0),
    ("經營者的話", 4, 0),
    ("氣候治理", 5, 0),
    ("氣候策略與減碳目標", 6, 0),
    ("溫室氣體排放管理", 7, 0),
    ("能源管理與再生能源", 8, 0),
    ("範疇三與供應鏈碳管理", 9, 0),
    ("GRI準則對照表（節錄）", 10, 0),
]


def sr2022(B):
    f0, f1 = B.f0, B.f1
    d = B.Doc(header=f"{B.CO_SHORT} 2022 永續報告書（節錄）", cover=True, size=10.5)
    # p1 cover
    d.spacer(70)
    d.p(B.CO, align="c", size=16, bold=True, space_after=10)
    d.p("2022 永續報告書（節錄）", align="c", size=26, bold=True, color=B.ACCENT, space_after=4)
    d.p("Sustainability Report 2022 — Excerpt", align="c", size=13, space_after=40)
    d.p("本節錄版收錄氣候治理、氣候策略、溫室氣體、能源及供應鏈碳管理章節，完整報告書請至本公司網站下載。",
        align="c", size=10, space_after=60)
    d.p("發行日期：2023年8月", align="c", size=11)
    # p2 TOC
    d.newpage()
    d.h1("目錄")
    d.toc(SR_TOC)
    # p3 about
    d.newpage()
    d.h1("關於本報告書")
    d.p(f"本報告書為{B.CO}（以下簡稱晨曜電子或本公司）發行之第三本永續報告書，揭露期間為2022年1月1日至12月31日"
        "（民國111年度），部分內容為呈現完整性追溯至2021年或延伸至報告書發行日。前一本報告書發行於2022年8月，"
        "下一本預計於2024年8月發行。")
    d.h2("報告範疇")
    d.p("報告範疇涵蓋桃園總部暨一廠及台中二廠，與財務報告合併個體一致。環境數據之組織邊界採營運控制權法。")
    d.h2("編製依據")
    d.p("本報告書依循GRI準則（GRI Standards 2021）、永續會計準則委員會（SASB）電子製造服務及原始設計製造業準則、"
        "氣候相關財務揭露建議（TCFD）及「上市公司編製與申報永續報告書作業辦法」編製。")
    d.h2("外部保證與查證")
    d.p("財務數據經會計師查核簽證；2022年溫室氣體排放量經立衡驗證股份有限公司依ISO 14064-3查證，類別1及類別2為合理保證、"
        "類別3至類別5為有限保證；本報告書經第三方依AA1000AS v3第一類型中度保證。")
    d.h2("聯絡資訊")
    d.p("永續發展部　蔡佳穎經理　電話：(03)318-6600　電子郵件：esg@chenyao-elec.com.tw")
    # p4 chairman
    d.newpage()
    d.h1("經營者的話")
    d.p(f"2022年全球供應鏈仍面臨地緣政治與通膨的挑戰，晨曜電子全年營業收入達新台幣{f0(B.REVENUE[2022])}百萬元，"
        "較前一年成長11.1%。在伺服器電源與電動車充電模組需求帶動下，我們持續投入高效率電源技術，協助客戶降低資料中心"
        "與充電設施的能源損耗，這也是我們對氣候行動最直接的貢獻。")
    d.p(f"在自身營運上，2022年範疇一及範疇二（市場基準）排放量為{f1(B.S12_MKT[2022])}公噸CO2e，較2021年基準年減少9.2%；"
        "我們首次購買再生能源憑證6,000MWh，並與國內太陽光電業者簽訂為期20年的購售電契約，自2023年起每年轉供約8,000MWh"
        "綠電至桃園總部暨一廠。")
    d.p("2023年3月，董事會通過本公司2050淨零排放承諾及科學基礎減量目標，並已提交SBTi審查；同年6月，我們正式加入RE100。"
        "我們明白，多數排放發生在供應鏈，因此2023年起將全面啟動供應商碳盤查調查，與夥伴一起走向淨零。")
    d.p("董事長　黃國榮　　總經理　張永昌", align="r", space_before=10)
    # p5 governance
    d.newpage()
    d.h1("氣候治理")
    d.p("董事會為本公司氣候相關議題之最高監督單位。本公司於2021年8月經董事會決議設立功能性委員會「永續發展委員會」，"
        "由3名董事組成，召集人為獨立董事陳文彥，委員包括獨立董事林佩蓉及董事兼總經理張永昌。依「永續發展委員會組織規程」，"
        "委員會每季至少開會一次，並每年至少二次向董事會報告永續發展及氣候議題之執行情形。")
    d.p("2022年永續發展委員會共召開4次會議，委員出席率100%，並於2022年8月9日及12月27日向董事會報告。主要議案如下：")
    d.table([
        ["會議日期", "主要議案"],
        ["2022年3月15日", "2021年度（基準年）溫室氣體盤查及查證結果；TCFD導入規劃"],
        ["2022年6月14日", "再生能源策略及購售電契約評估；2021年永續報告書審議"],
        ["2022年9月13日", "同意與澄嵐綠能簽訂20年太陽光電購售電契約（提報董事會）；減碳目標研議"],
        ["2022年12月13日", "減碳目標草案及SBTi申請規劃；2023年度永續計畫及供應商碳盤查調查規劃"],
    ], widths=[3.4, 13], align=["c", "l"], size=9.5)
    d.p("2023年3月28日，董事會修正委員會組織規程，於委員會下設「淨零推動辦公室」，由永續長王怡君副總經理擔任召集人，"
        "下設能源、供應鏈及產品三個工作小組，每季向永續發展委員會報告。自2023年起，高階經理人年度績效獎金之15%"
        "連結溫室氣體減量及再生能源使用目標之達成情形。")
    # p6 strategy & targets
    d.newpage()
    d.h1("氣候策略與減碳目標")
    d.p("本公司以2021年為基準年，參考SBTi企業淨零標準設定下列目標，已於2023年3月28日經董事會通過並對外公告，"
        "並於2023年4月提交SBTi審查，截至本報告書發行日尚在審查中：")
    d.table([
        ["目標類別", "目標內容", "基準年排放量（公噸CO2e）"],
        ["近期目標（範疇一＋二）", "2030年範疇一＋二（市場基準）絕對排放量較2021年減少42%", f1(B.S12_BASE)],
        ["近期目標（範疇三）", "2030年範疇三類別1及類別4合計絕對排放量較2021年減少25%", f1(B.S3_C1C4_BASE)],
        ["中期目標", "2025年範疇一＋二（市場基準）絕對排放量較2021年減少20%", f1(B.S12_BASE)],
        ["長期目標", "2050年淨零排放：範疇一、二、三絕對減量至少90%，剩餘排放以永久性移除中和", f1(B.TOTAL_BASE_MKT)],
        ["再生能源", "2030年再生電力50%、2040年100%（2023年6月加入RE100）", "—"],
    ], widths=[3.8, 9, 3.6], align=["l", "l", "r"], size=9.5)
    d.p("範疇三類別1（購買的商品與服務）及類別4（上游運輸與配送）合計占2021年範疇三排放量之84.3%，為近期範疇三目標之涵蓋範圍。"
        "為落實目標，本公司將節能、再生能源、低碳產品設計及供應商議合列為四大減碳策略，並規劃自2024年起導入內部碳定價。")
    d.p("氣候風險方面，本公司已於2022年依TCFD架構完成初步風險鑑別，並規劃於2023年以IEA淨零情境及既定政策情境、"
        "SSP1-2.6及SSP5-8.5實體情境進行情境分析。")
    # p7 GHG
    d.newpage()
    d.h1("溫室氣體排放管理")
    d.p("本公司每年依ISO 14064-1執行溫室氣體盤查，GWP採IPCC第五次評估報告（AR5），排放係數採行政院環境保護署"
        "溫室氣體排放係數管理表6.0.4版，電力排碳係數採經濟部能源局公告之當年度係數"
        "（2021年0.509、2022年0.495 kgCO2e/kWh）。2022年排放量如下：")
    rows = [["項目（公噸CO2e）", "2021（基準年）", "2022", "增減"]]
    for lbl, dct in (("範疇一", B.SCOPE1), ("範疇二（地點基準）", B.SCOPE2_LOC), ("範疇二（市場基準）", B.SCOPE2_MKT),
                     ("範疇一＋二（市場基準）", B.S12_MKT), ("範疇三", B.SCOPE3)):
        rows.append([lbl, f1(dct[2021]), f1(dct[2022]), f"{(dct[2022] / dct[2021] - 1) * 100:.1f}%"])
    rows.append(["排放密集度（範疇一＋二市場基準／營收百萬元）", f"{B.S12_MKT[2021] / B.REVENUE[2021]:.2f}",
                 f"{B.S12_MKT[2022] / B.REVENUE[2022]:.2f}",
                 f"{((B.S12_MKT[2022] / B.REVENUE[2022]) / (B.S12_MKT[2021] / B.REVENUE[2021]) - 1) * 100:.1f}%"])
    d.table(rows, widths=[7, 3.2, 3.2, 2.6], align=["l", "r", "r", "r"], size=9.5)
    d.p(f"2022年範疇一排放量{f1(B.SCOPE1[2022])}公噸CO2e，其中桃園總部暨一廠{f1(B.SCOPE1_SITE[2022][B.SITE_TY])}公噸CO2e、"
        f"台中二廠{f1(B.SCOPE1_SITE[2022][B.SITE_TC])}公噸CO2e，主要來自天然氣鍋爐；範疇二（地點基準）{f1(B.SCOPE2_LOC[2022])}"
        f"公噸CO2e，扣除再生能源憑證後之市場基準為{f1(B.SCOPE2_MKT[2022])}公噸CO2e。範疇一＋二（市場基準）較基準年減少9.2%，"
        "主要來自鍋爐燃燒器更新、冰水主機冷媒洩漏改善、節電措施及再生能源憑證之採購。")
    # p8 energy
    d.newpage()
    d.h1("能源管理與再生能源")
    e21, e22 = B.energy_gj(2021), B.energy_gj(2022)
    d.table([
        ["能源類別", "單位", "2021", "2022"],
        ["外購電力", "MWh", f0(B.ELEC_MWH[2021]), f0(B.ELEC_MWH[2022])],
        ["　其中再生能源（T-REC）", "MWh", f0(B.RE_MWH[2021]), f0(B.RE_MWH[2022])],
        ["天然氣", "千立方公尺", f"{B.fuel_total(2021, 'NG'):,.1f}", f"{B.fuel_total(2022, 'NG'):,.1f}"],
        ["柴油", "公秉", f"{B.fuel_total(2021, 'DIESEL'):,.1f}", f"{B.fuel_total(2022, 'DIESEL'):,.1f}"],
        ["車用汽油", "公秉", f"{B.fuel_total(2021, 'GASOLINE'):,.1f}", f"{B.fuel_total(2022, 'GASOLINE'):,.1f}"],
        ["能源總使用量", "GJ", f0(e21["TOTAL"]), f0(e22["TOTAL"])],
        ["能源密集度", "GJ／營收百萬元", f"{e21['TOTAL'] / B.REVENUE[2021]:.2f}", f"{e22['TOTAL'] / B.REVENUE[2022]:.2f}"],
        ["再生能源比例", "%", f"{B.RE_SHARE[2021]}%", f"{B.RE_SHARE[2022]}%"],
    ], widths=[5.6, 3.4, 3.4, 3.4], align=["l", "c", "r", "r"], size=9.5)
    d.p("熱值換算：天然氣8,000 kcal/m3、柴油8,400 kcal/L、車用汽油7,800 kcal/L；電力1 MWh＝3.6 GJ。", size=9)
    d.p(f"2022年外購電力{f0(B.ELEC_MWH[2022])}MWh，較2021年減少{(1 - B.ELEC_MWH[2022] / B.ELEC_MWH[2021]) * 100:.1f}%。"
        f"本公司首次購買國內再生能源憑證{f0(B.TREC_MWH[2022])}MWh，再生能源使用比例{B.RE_SHARE[2022]}%。"
        "另與澄嵐綠能股份有限公司簽訂20年太陽光電購售電契約，自2023年1月起每年轉供約8,000MWh至桃園總部暨一廠。")
    d.h2("2022年主要節能措施")
    d.items([
        "一、桃園總部暨一廠鍋爐燃燒器更新及冷凝水回收，年節省天然氣約110千立方公尺。",
        "二、兩廠空調箱風機變頻改善，年節電約640MWh。",
        "三、導入能源管理系統（EMS），完成兩廠主要用電設備之分區計量。",
    ])
    # p9 scope 3 & supply chain
    d.newpage()
    d.h1("範疇三與供應鏈碳管理")
    rows = [["範疇三類別", "2021", "2022"]]
    for c in range(1, 16):
        if c in B.S3_CAT[2022]:
            rows.append([f"C{c} {B.S3_NAMES[c][0]}", f1(B.S3_CAT[2021][c]), f1(B.S3_CAT[2022][c])])
    rows.append(["合計", f1(B.SCOPE3[2021]), f1(B.SCOPE3[2022])])
    d.table(rows, widths=[9, 3.4, 3.4], align=["l", "r", "r"], size=9, bold_rows=(len(rows) - 1,))
    d.p("單位：公噸CO2e。類別8、10、13、14、15經評估不適用或不具顯著性。類別1及類別4合計占2021年範疇三排放量之84.3%。", size=9)
    d.p("供應鏈為本公司最主要之排放來源。2023年起，本公司將依「供應商碳管理及碳盤查調查政策」，對占採購金額85%之"
        "關鍵供應商發放碳盤查問卷，了解其盤查、減量目標及再生能源使用情形，並針對高排放類別供應商提供輔導；"
        "同時依ISO 14067計算主力產品之碳足跡，以回應客戶需求。")
    # p10 GRI
    d.newpage()
    d.h1("GRI準則對照表（節錄）")
    d.table([
        ["GRI準則", "揭露項目", "對應章節", "頁碼"],
        ["GRI 2-9", "治理結構及組成", "氣候治理", "5"],
        ["GRI 2-12", "最高治理單位於監督衝擊管理之角色", "氣候治理", "5"],
        ["GRI 2-19", "薪酬政策", "氣候治理", "5"],
        ["GRI 201-2", "氣候變遷所產生的財務影響及其他風險與機會", "氣候策略與減碳目標", "6"],
        ["GRI 302-1", "組織內部的能源消耗量", "能源管理與再生能源", "8"],
        ["GRI 302-3", "能源密集度", "能源管理與再生能源", "8"],
        ["GRI 305-1", "直接（範疇一）溫室氣體排放", "溫室氣體排放管理", "7"],
        ["GRI 305-2", "能源間接（範疇二）溫室氣體排放", "溫室氣體排放管理", "7"],
        ["GRI 305-3", "其它間接（範疇三）溫室氣體排放", "範疇三與供應鏈碳管理", "9"],
        ["GRI 305-4", "溫室氣體排放密集度", "溫室氣體排放管理", "7"],
        ["GRI 305-5", "溫室氣體排放減量", "溫室氣體排放管理", "7"],
        ["GRI 308-1", "採用環境標準篩選新供應商", "範疇三與供應鏈碳管理", "9"],
    ], widths=[2.6, 7.6, 4.6, 1.4], align=["c", "l", "l", "c"], size=9)
    expect = {
        5: ["每季至少開會一次", "陳文彥", "2022年3月15日"],
        6: ["減少42%", "58,238.5", "279,100.0"],
        7: [f1(B.SCOPE1[2022]), f1(B.SCOPE2_LOC[2022]), f1(B.SCOPE2_MKT[2022]), f1(B.SCOPE3[2022])],
        8: ["94,800", "6,000", "6.3%"],
    }
    return d, expect


# ----------------------------------------------------------------------------------------------
def board_training(B):
    return f"""# Board climate training 2023 — summary note

**Company:** {B.CO_EN} ({B.CO})
**Date:** 17 October 2023, 14:00–17:00 (3 hours), Taoyuan headquarters, 10th-floor board room
**Prepared by:** Sustainability Department (Jia-Ying Tsai), for the Sustainability Committee file

## Participants
- All 9 directors attended (including the 3 independent directors: Wen-Yen Chen 陳文彥, chair of the
  Sustainability Committee; Pei-Jung Lin 林佩蓉; and one further independent director).
- Also present: Yi-Chun Wang 王怡君 (Vice President and Chief Sustainability Officer), Ya-Chi Chou 周雅琪 (CFO),
  and the head of internal audit.
- Lecturer: a partner of 衡遠永續顧問股份有限公司 (Hengyuan Sustainability Advisory), the firm supporting our
  climate scenario analysis.

The session counts towards the directors' continuing-education hours required by the TWSE rules for listed
companies.

## Topics covered
1. **IFRS S1/S2 in Taiwan.** Under the FSC roadmap for adopting the ISSB standards, companies with paid-in capital
   of NT$5–10 billion report under IFRS S1/S2 from FY2027. With paid-in capital of NT$6.8 billion, Chenyao's first
   IFRS S2 report covers FY2027 and is published in 2028. Directors discussed what "board oversight of climate-related
   risks" means in practice, and what the S2 requirements on scenario analysis, transition plans and Scope 3
   disclosure imply for us.
2. **Taiwan carbon fee.** Under the Climate Change Response Act (氣候變遷因應法, promulgated 15 February 2023),
   emitters whose Scope 1 plus purchased-electricity emissions exceed 25,000 tCO2e a year will pay a carbon fee on
   the excess. Using 2022 data (Scope 1 {B.f1(B.SCOPE1[2022])} t and location-based Scope 2 {B.f1(B.SCOPE2_LOC[2022])} t),
   Chenyao is above the threshold; the exposure will be recalculated once the 2023 inventory is verified and the
   rate is announced.
3. **Customer and EU requirements.** Customer supplier codes now ask for SBTi targets, renewable electricity and
   product carbon footprints (ISO 14067). The EU CBAM does not cover our products today but covers steel and
   aluminium inputs bought by our European customers.
4. **Our targets and progress.** Near-term targets (Scope 1+2 market-based −42 % by 2030 and Scope 3 C1+C4 −25 % by
   2030, both vs 2021) and the 2050 net-zero target were approved by the Board on 28 March 2023 and are under SBTi
   validation. 2022 Scope 1+2 (market-based) emissions were {B.f1(B.S12_MKT[2022])} tCO2e, 9.2 % below the 2021 base
   year of {B.f1(B.S12_BASE)} tCO2e.
5. **Internal carbon price.** The Net-Zero Office proposed a shadow price of NT$1,500 per tCO2e for capital
   expenditure decisions from 2024; the Sustainability Committee will review the operating rules in December.

## Follow-up
- Directors asked for a one-page climate dashboard (emissions vs target path, renewable share, carbon-fee
  exposure) in every quarterly Sustainability Committee pack. Owner: Net-Zero Office. Due: Q1 2024.
- The CFO will present an IFRS S2 readiness plan to the Sustainability Committee in March 2024.
- Training materials are filed with the Board secretariat.
"""


def build(B):
    sr, sr_exp = sr2022(B)
    return [
        ("docx", "供應商碳管理及碳盤查調查政策.docx", supplier_policy(B), None),
        ("pdf", "晨曜電子2022永續報告書_節錄.pdf", sr, sr_exp),
        ("text", "board_climate_training_2023.md", board_training(B), None),
    ]
