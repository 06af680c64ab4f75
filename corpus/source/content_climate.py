"""Climate risk memo (PDF, 7 pages), renewable-electricity procurement note (DOCX) and the
English SBTi / net-zero press release (PDF, 2 pages)."""


def memo(B):
    f0, f1 = B.f0, B.f1
    y = 2023
    d = B.Doc(header=f"{B.CO}　氣候相關風險與機會評估及情境分析備忘錄（第2版）", cover=False, size=10.5)
    # ------------------------------------------------------------------ p1
    d.p("氣候相關風險與機會評估及情境分析備忘錄", align="c", size=17, bold=True, color=B.ACCENT,
        font=B.SANS, space_after=8)
    d.table([
        ["受文者", "永續發展委員會"],
        ["發文單位", "淨零推動辦公室（協辦：衡遠永續顧問股份有限公司）"],
        ["日　　期", "中華民國113年4月16日"],
        ["版　　次", "第2版（依112年度經查證之排放數據更新碳費曝險試算及實體風險評估）；"
                   "初版112年9月5日，提報112年9月12日永續發展委員會"],
        ["密　　等", "限公司內部使用"],
    ], widths=[2.6, 14], align=["c", "l"], header_rows=0, size=10, first_col_bold=True)
    d.h2("一、目的與範圍")
    d.p("本備忘錄依據氣候相關財務揭露建議（TCFD）及國際財務報導準則第S2號「氣候相關揭露」（IFRS S2）之要求，"
        "鑑別本公司營運及價值鏈面臨之氣候相關風險與機會，透過轉型及實體情境分析評估其財務影響，並檢視本公司"
        "策略與商業模式之氣候韌性。評估範圍涵蓋桃園總部暨一廠、台中二廠及主要上游供應鏈與下游客戶市場。"
        "本公司實收資本額新台幣68億元，預計自2027會計年度起依IFRS S2揭露，本次評估亦作為導入之基礎。")
    d.h2("二、時間範圍定義")
    d.table([
        ["時間範圍", "期間", "設定依據"],
        ["短期", "3年以內（2024–2026年）", "配合公司中期營運計畫及資本預算週期；碳費開徵初期"],
        ["中期", "3至10年（至2033年）", "涵蓋2030年科學基礎減量目標及再生能源50%目標"],
        ["長期", "10年以上（至2050年）", "對應2050年淨零排放目標及主要生產設備之經濟年限"],
    ], widths=[2.4, 5, 9.2], align=["c", "l", "l"], size=9.5)
    d.p("衝擊程度以對年度稅前淨利之影響衡量：高（逾新台幣1億元）、中（新台幣1千萬元至1億元）、"
        "低（未達新台幣1千萬元）；可能性分為高、中、低三級。", size=10)

    # ------------------------------------------------------------------ p2 scenarios
    d.newpage()
    d.h2("三、情境設定")
    d.p("本次分析採用兩組轉型情境及兩組實體情境，分別代表積極減碳與延續現行政策之路徑；實體情境之氣候推估"
        "資料取自國家科學及技術委員會「臺灣氣候變遷推估資訊與調適知識平台」（TCCIP）AR6統計降尺度資料，"
        "基期為1995–2014年。")
    d.table([
        ["情境", "類型", "情境描述", "本次分析採用之主要假設"],
        ["IEA NZE 2050\n（淨零排放情境）", "轉型", "全球於2050年達成能源部門淨零排放，"
         "升溫控制在1.5°C以內", "國內碳費費率逐年調升，2030年達每公噸新台幣1,500元；主要客戶2030年要求供應商"
         "100%使用再生電力；再生電力溢價維持每度新台幣1.5元"],
        ["IEA STEPS\n（既定政策情境）", "轉型", "僅反映各國已公告之政策，本世紀末升溫約2.4°C",
         "碳費維持每公噸新台幣300元一般費率；客戶要求集中於2030年再生電力50%；電價年增2%"],
        ["SSP1-2.6", "實體", "低排放路徑，本世紀末升溫約1.8°C", "2050年桃園極端降雨強度增加約8%；"
         "台中枯水期降雨減少約7%；年均溫上升約1.0°C"],
        ["SSP5-8.5", "實體", "高排放路徑，本世紀末升溫約4.4°C", "2050年桃園極端降雨強度增加約15%；"
         "台中枯水期降雨減少約15%；年均溫上升約1.8°C"],
    ], widths=[3.2, 1.4, 4.8, 7.2], align=["l", "c", "l", "l"], size=9)
    d.p("內部碳定價：自2024年起，本公司以每公噸CO2e新台幣1,500元之影子價格評估新台幣500萬元以上之資本支出，"
        "其價格係參考NZE情境下2030年之國內碳價假設設定。", size=10)
    d.h2("四、鑑別流程")
    d.p("淨零推動辦公室邀集廠務、財務、業務、採購、研發及風險管理單位，依下列步驟完成鑑別：（1）蒐集國內外法規、"
        "客戶要求及同業揭露，建立氣候議題清單；（2）由各單位主管就可能性及衝擊程度評分；（3）依情境分析量化主要"
        "議題之財務影響；（4）經永續發展委員會審議後納入公司風險清冊，並由各權責單位擬訂因應措施。")

    # ------------------------------------------------------------------ p3 register (transition)
    d.newpage()
    d.h2("五、氣候相關風險與機會清單")
    d.p("（一）轉型風險", bold=True, font=B.SANS)
    hdr = ["編號", "類型", "風險說明", "時間範圍", "可能性", "衝擊程度", "財務影響估計（新台幣）"]
    w = [1.2, 2, 5.6, 1.5, 1.4, 1.4, 3.8]
    al = ["c", "l", "l", "c", "c", "c", "l"]
    d.table([
        hdr,
        ["T1", "政策與法規\n（碳費）", "依「氣候變遷因應法」及碳費收費辦法，範疇一及範疇二合計排放量逾2.5萬公噸之部分應繳納碳費",
         "短期", "高", "中", "每年約874萬元（試算詳第六節）"],
        ["T2", "市場\n（客戶要求）", "主要品牌客戶要求供應商設定科學基礎目標、2030年前提高再生電力比例並提供產品碳足跡；"
         "未符合者將降低採購評分", "中期", "高", "高", "受影響訂單約占營收8%（約31億元）"],
        ["T3", "政策與法規\n（電價）", "能源轉型及燃料成本上升帶動工業電價調漲", "短期", "高", "中",
         f"電價每度調漲0.5元，年增電費約{B.ELEC_MWH[y] * 1000 * 0.5 / 1e4:,.0f}萬元"],
        ["T4", "技術\n（低碳轉型）", "鍋爐電氣化（熱泵）、高效率空調與製程設備汰換之資本支出", "中期", "中", "中",
         "2024–2030年累計資本支出約1.8億元"],
        ["T5", "市場\n（再生能源取得）", "國內綠電供給有限，長期購售電契約價格及憑證價格上升",
         "中期", "高", "中", "達成2030年50%目標之綠電溢價每年約6,900萬元"],
        ["T6", "聲譽與法規\n（揭露）", "IFRS S2、產品碳足跡及歐盟永續法規之揭露要求；資訊不足或錯誤可能影響客戶與投資人信任",
         "中期", "中", "低", "每年法遵及查證成本約500萬元"],
    ], widths=w, align=al, size=8.5)
    d.p("註：T5以2030年外購電力約92,000MWh之50%（約46,000MWh）、溢價每度1.5元估算。", size=9)

    # ------------------------------------------------------------------ p4 register (physical + opp)
    d.newpage()
    d.p("（二）實體風險", bold=True, font=B.SANS)
    d.table([
        hdr,
        ["P1", "立即性\n（淹水）", "桃園總部暨一廠位於塔寮坑溪流域，短延時強降雨可能造成廠區周邊積淹水、"
         "地下室配電設施受損及停工", "中期至長期", "中", "高", "單次事件停工3日營收損失約9,500萬元及設備損失約4,000萬元"],
        ["P2", "立即性／長期性\n（乾旱缺水）", "台中二廠位於大甲溪供水區，枯水期降雨減少可能導致減壓供水或限水，"
         "影響電鍍前處理及清洗製程", "中期", "中", "中", "單次限水事件之運水及減產成本約2,500萬元"],
        ["P3", "長期性\n（高溫）", "平均氣溫上升增加空調及冰水系統負載與員工熱危害", "長期", "高", "低",
         "每年增加電費約800萬元"],
    ], widths=w, align=al, size=8.5)
    d.p("（三）氣候相關機會", bold=True, font=B.SANS)
    d.table([
        ["編號", "類型", "機會說明", "時間範圍", "可能性", "影響程度", "財務影響估計（新台幣）"],
        ["O1", "產品與服務", "AI及雲端資料中心對高效率（鈦金級、轉換效率96%以上）伺服器電源模組之需求成長，"
         "客戶以能效及低碳足跡作為選商條件", "中期", "高", "高", "2030年前每年新增營收約45億元"],
        ["O2", "市場", "各國電動車充電基礎設施擴建帶動EV充電模組需求", "中期", "高", "高",
         "2030年EV充電模組營收約60億元"],
        ["O3", "資源效率", "節能改善及再生能源使用降低能源成本與碳費", "短期", "高", "低",
         "112年度節電2,280MWh，每年節省電費約958萬元"],
    ], widths=w, align=al, size=8.5)
    d.p("O3以112年度三項節電措施（空壓機變頻1,150MWh、冰水主機群控820MWh、LED照明310MWh）及平均電價每度4.2元估算。",
        size=9)

    # ------------------------------------------------------------------ p5 carbon fee
    d.newpage()
    d.h2("六、碳費曝險試算")
    d.p("依「氣候變遷因應法」第28條及環境部「碳費收費辦法」，直接排放及使用電力之間接排放合計達年排放量2.5萬公噸CO2e"
        "以上之事業應繳納碳費，收費排放量為年排放量扣除2.5萬公噸後之部分。本試算以112年度經查證之排放量為基礎，"
        "為保守估計，範疇二採地點基準（未扣除再生能源），費率採一般費率每公噸新台幣300元：")
    d.table([
        ["項目", "數值", "說明"],
        ["112年度範疇一排放量", f"{f1(B.SCOPE1[y])} 公噸CO2e", "經立衡驗證查證（合理保證）"],
        ["112年度範疇二排放量（地點基準）", f"{f1(B.SCOPE2_LOC[y])} 公噸CO2e", "外購電力92,350MWh×0.494"],
        ["範疇一＋範疇二合計", f"{f1(B.CARBON_FEE_BASIS)} 公噸CO2e", "碳費計算基礎"],
        ["扣除門檻", f"{f1(B.CARBON_FEE_THRESHOLD)} 公噸CO2e", "2.5萬公噸"],
        ["收費排放量", f"{f1(B.CARBON_FEE_CHARGEABLE)} 公噸CO2e", ""],
        ["費率", f"新台幣{B.CARBON_FEE_RATE}元／公噸", "一般費率"],
        ["年度碳費曝險", f"新台幣{f0(B.CARBON_FEE)}元", "約新台幣874萬元"],
    ], widths=[5.6, 4.6, 6.4], align=["l", "r", "l"], bold_rows=(7,), size=9.5)
    d.p(f"**試算結果：以112年度排放量計算，本公司每年碳費曝險約為新台幣{f0(B.CARBON_FEE)}元（約新台幣874萬元）**，"
        f"計算式為（{f1(B.SCOPE1[y])}＋{f1(B.SCOPE2_LOC[y])}－25,000）×300＝{f0(B.CARBON_FEE)}元。")
    d.p("敏感度分析：")
    ch = B.CARBON_FEE_CHARGEABLE
    d.items([
        f"一、若自主減量計畫經核定並適用優惠費率A（每公噸新台幣100元），碳費約為新台幣{f0(ch * 100)}元；"
        f"適用優惠費率B（每公噸新台幣50元），約為新台幣{f0(ch * 50)}元。",
        f"二、NZE情境下，若2030年費率調升至每公噸新台幣1,500元且排放量維持112年水準，碳費將增至約新台幣"
        f"{f0(ch * 1500)}元；實際碳費將隨範疇一＋二排放量依減量路徑下降而同步減少。",
        f"三、本試算以全公司合計排放量計算，屬保守估計；若依廠別分別認定門檻，目前僅桃園總部暨一廠"
        f"（{f1(B.SCOPE1_SITE[y][B.SITE_TY] + B.D(B.ELEC_SITE_MWH[y][B.SITE_TY]) * B.GRID_EF[y])}公噸CO2e）超過門檻。",
    ])
    d.p("碳費成本已納入113年度預算及內部碳定價之投資評估；淨零推動辦公室將於環境部公告相關子法修正時更新本試算。")

    # ------------------------------------------------------------------ p6 physical by site
    d.newpage()
    d.h2("七、實體風險廠區別分析")
    d.table([
        ["廠區", "主要危害", "現況與曝險", "SSP1-2.6（2050年）", "SSP5-8.5（2050年）", "調適措施"],
        ["桃園總部暨一廠\n（桃園市龜山區）", "短延時強降雨、淹水", "廠區北側位於24小時350毫米降雨之淹水潛勢區"
         "（深度0.3–0.5公尺）；變電站及地下室配電盤為主要曝險", "年最大一日降雨量增加約8%", "年最大一日降雨量增加約15%；"
         "淹水潛勢範圍擴大", "112年完成防水閘門及移動式抽水機（每分鐘30噸）設置；配電盤墊高工程預計113年完工"],
        ["台中二廠\n（台中市西屯區）", "乾旱、限水", "年用水量約21萬噸，主要用於清洗及冷卻；110年曾經歷減壓供水約60日",
         "枯水期降雨減少約7%；連續不降雨日數增加約6%", "枯水期降雨減少約15%；連續不降雨日數增加約14%",
         "製程回收水系統提升回收率至45%；新設1,200噸儲水槽（約3日用量）；與合格水車業者簽訂緊急供水合約"],
        ["兩廠", "高溫", "夏季空調及冰水主機負載高，戶外作業人員有熱危害風險", "年均溫上升約1.0°C",
         "年均溫上升約1.8°C；極端高溫日數倍增", "冰水主機群控最佳化、熱危害預防計畫及戶外作業時段調整"],
    ], widths=[2.6, 1.8, 3.6, 2.6, 2.8, 3.6], align=["l", "l", "l", "l", "l", "l"], size=8.5)
    d.p("兩廠均未位於土石流潛勢溪流及海岸溢淹範圍內；主要供應商中，位於臺灣西南沿海之印刷電路板供應商"
        "面臨較高之淹水及颱風風險，已納入供應商營運持續評估。", size=10)

    # ------------------------------------------------------------------ p7 summary / resilience
    d.newpage()
    d.h2("八、財務影響彙總")
    d.table([
        ["情境", "主要財務影響（2030年）", "淨影響方向"],
        ["IEA NZE 2050", "碳費及綠電溢價成本上升（每年合計約1.1億元，未考量減量）；高效率電源及EV充電模組需求大幅成長",
         "機會大於風險"],
        ["IEA STEPS", "碳費成本有限（每年約874萬元）；客戶要求仍為主要壓力，EV充電模組成長較緩", "風險與機會相當"],
        ["SSP1-2.6", "實體風險與現況相近，既有調適措施可因應", "影響輕微"],
        ["SSP5-8.5", "桃園淹水及台中缺水事件頻率增加，單次事件損失最高約1.35億元", "風險上升，需持續投資調適"],
    ], widths=[3.2, 9.6, 3.8], align=["l", "l", "l"], size=9)
    d.h2("九、韌性結論")
    d.p("綜合情境分析結果，本公司之策略與商業模式在所評估之情境下具備氣候韌性：（1）在NZE情境下，本公司已設定經"
        "SBTi確認之近期目標（2030年範疇一＋二較2021年減少42%）及2050年淨零目標，112年度範疇一＋二（市場基準）已較"
        "基準年減少24.0%，可有效降低碳費與客戶要求之轉型風險，並掌握高效率電源產品之成長機會；（2）在STEPS情境下，"
        "財務衝擊有限，本公司之減碳投資仍可透過節能效益及客戶訂單維繫回收；（3）在SSP5-8.5情境下，實體風險主要集中於"
        "桃園總部暨一廠淹水及台中二廠缺水，已規劃之調適投資可將單次事件停工期間縮短至1日以內。")
    d.p("主要不確定性包括碳費費率及適用範圍之後續調整、國內綠電供給速度，以及客戶要求之時程。")
    d.h2("十、後續行動")
    d.items([
        "一、將T1、T2、P1、P2列為公司層級重大風險，由風險管理委員會按季追蹤。",
        "二、113年度完成桃園總部暨一廠配電盤墊高工程及台中二廠儲水槽啟用。",
        "三、114年度更新情境參數（IEA WEO 2024）及財務量化模型，並擴及主要供應商之實體風險。",
        "四、依IFRS S2要求，於2027會計年度前建立氣候相關財務影響之內部控制及揭露流程。",
    ])
    expect = {
        1: ["短期", "2024–2026"],
        2: ["IEA NZE 2050", "IEA STEPS", "SSP1-2.6", "SSP5-8.5"],
        5: ["8,739,870", "54,132.9", "29,132.9", "874萬"],
        6: ["淹水潛勢", "1,200噸儲水槽"],
    }
    return d, expect


# ----------------------------------------------------------------------------------------------
def re_note(B):
    f0 = B.f0
    d = B.Doc(header=f"{B.CO}　再生能源採購說明", cover=False, size=10.5)
    d.p("再生能源採購說明", align="c", size=17, bold=True, color=B.ACCENT, font=B.SANS, space_after=2)
    d.p("淨零推動辦公室／能源工作小組　中華民國113年2月27日", align="c", size=9.5, space_after=10)
    d.h2("一、目的")
    d.p("本說明彙整本公司再生能源之採購方式、111年至112年度之使用情形及達成RE100之路徑，供永續發展委員會、"
        "盤查及查證作業與客戶問卷回覆之共同依據。本公司已於2023年6月加入RE100倡議，承諾2030年再生電力使用比例達50%、"
        "2040年達100%。")
    d.h2("二、歷年再生能源使用情形")
    rows = [["年度", "外購電力（MWh）", "綠電轉供／企業購售電（MWh）", "再生能源憑證T-REC（MWh）",
             "再生能源合計（MWh）", "再生能源比例"]]
    for y in B.YEARS:
        rows.append([f"{y}（{B.ROC[y]}年）", f0(B.ELEC_MWH[y]), f0(B.PPA_MWH[y]), f0(B.TREC_MWH[y]),
                     f0(B.RE_MWH[y]), f"{B.RE_SHARE[y]}%"])
    d.table(rows, widths=[2.6, 2.6, 3.4, 3.2, 2.6, 2.2], align=["c", "r", "r", "r", "r", "r"], size=9.5)
    d.p(f"112年度本公司共使用再生能源{f0(B.RE_MWH[2023])}MWh，其中太陽光電轉供{f0(B.PPA_MWH[2023])}MWh、"
        f"再生能源憑證{f0(B.TREC_MWH[2023])}MWh，占外購電力{f0(B.ELEC_MWH[2023])}MWh之{B.RE_SHARE[2023]}%。"
        "依廠區分配如下：")
    re = B.RE_SITE_MWH[2023]
    d.table([
        ["廠區", "外購電力（MWh）", "綠電轉供（MWh）", "T-REC（MWh）", "再生能源比例"],
        [B.SITE_TY, f0(B.ELEC_SITE_MWH[2023][B.SITE_TY]), f0(re[B.SITE_TY]["PPA"]), f0(re[B.SITE_TY]["T-REC"]),
         f"{B.pct(13000, B.ELEC_SITE_MWH[2023][B.SITE_TY])}%"],
        [B.SITE_TC, f0(B.ELEC_SITE_MWH[2023][B.SITE_TC]), "0", f0(re[B.SITE_TC]["T-REC"]),
         f"{B.pct(7000, B.ELEC_SITE_MWH[2023][B.SITE_TC])}%"],
        ["合計", f0(B.ELEC_MWH[2023]), f0(B.PPA_MWH[2023]), f0(B.TREC_MWH[2023]), f"{B.RE_SHARE[2023]}%"],
    ], widths=[4, 3, 3, 3, 3], align=["l", "r", "r", "r", "r"], size=9.5, bold_rows=(3,))
    d.h2("三、企業購售電契約（綠電轉供）")
    d.table([
        ["項目", "內容"],
        ["售電業者", "澄嵐綠能股份有限公司（再生能源售電業）"],
        ["發電案場", "彰化縣芳苑鄉地面型太陽光電案場，裝置容量6.3 MWp"],
        ["契約期間", "20年（2023年1月1日至2042年12月31日），111年11月簽約"],
        ["約定轉供量", "每年約8,000 MWh，全數轉供至桃園總部暨一廠（電號02-3154-8877-01）"],
        ["計價方式", "固定價格，契約期間不調整；價格屬營業秘密"],
        ["憑證", "案場所發綠電之再生能源憑證隨電力一併移轉予本公司（綁定憑證）"],
        ["112年實績", f"轉供{f0(B.PPA_MWH[2023])}MWh，依台電每月轉供度數通知單認列"],
    ], widths=[3, 13.5], align=["c", "l"], size=9.5, first_col_bold=True)
    d.h2("四、再生能源憑證（T-REC）")
    d.p("為補足轉供電量之不足，本公司自2022年起透過國家再生能源憑證中心之憑證交易平台向國內太陽光電及陸域風電案場"
        f"購買再生能源憑證：2022年購買{f0(B.TREC_MWH[2022])}MWh（全數用於桃園總部暨一廠），"
        f"2023年購買{f0(B.TREC_MWH[2023])}MWh（桃園總部暨一廠5,000MWh、台中二廠7,000MWh）。"
        "憑證之發電年度與使用年度一致，並於次年1月完成註銷，以避免重複宣告。")
    d.h2("五、RE100路徑規劃")
    d.table([
        ["年度", "再生電力比例目標", "主要來源規劃"],
        ["2023（實績）", "21.7%", "太陽光電轉供8,000MWh＋T-REC 12,000MWh"],
        ["2025", "35%", "既有轉供＋新增第二份購售電契約（洽談中）＋T-REC"],
        ["2030", "50%", "長期購售電契約占再生電力七成以上；兩廠屋頂太陽光電自發自用"],
        ["2035", "75%", "擴大離岸風電購售電契約，T-REC僅作補充"],
        ["2040", "100%", "全數以長期購售電契約及自建案場滿足"],
    ], widths=[3, 3.4, 10.1], align=["c", "c", "l"], size=9.5)
    d.h2("六、採購原則")
    d.items([
        "一、優先採購具額外性之新建案場長期購售電契約，其次為國內再生能源憑證；不採購國外憑證。",
        "二、憑證之發電年度應與使用年度相同，並符合RE100技術準則及GHG Protocol範疇二品質準則。",
        "三、採購價格納入內部碳定價（每公噸CO2e新台幣1,500元）及碳費成本評估。",
        "四、再生能源數據由能源工作小組每月彙整，並於年度盤查時提供查證機構查核。",
    ])
    return d


# ----------------------------------------------------------------------------------------------
def press_release(B):
    f1 = B.f1
    d = B.Doc(header=None, cover=False, size=10.5, lang="en", footer="en", font=B.SANS)
    d.p("PRESS RELEASE", size=10, bold=True, color=B.ACCENT, align="l", space_after=2)
    d.p("For immediate release — Taoyuan, Taiwan, 21 November 2023", size=9.5, align="l", space_after=10)
    d.p("Chenyao Precision Electronics' net-zero and near-term emission reduction targets validated by "
        "the Science Based Targets initiative", size=16, bold=True, align="l", space_after=8)
    d.p("Chenyao commits to net-zero greenhouse gas emissions across its value chain by 2050 and to cutting "
        "emissions from its own operations by 42% by 2030", italic=True, align="l",
        space_after=8)
    d.p(f"{B.CO_EN} (\"Chenyao\"), a TWSE-listed manufacturer of server power modules, connectors and "
        "electric-vehicle (EV) charging modules, today announced that the Science Based Targets initiative (SBTi) "
        "has validated its near-term and long-term greenhouse gas (GHG) emission reduction targets as consistent "
        "with limiting global warming to 1.5°C. The targets were approved by Chenyao's Board of Directors and first "
        "announced on 28 March 2023, and were validated by the SBTi in November 2023.")
    d.p("Chenyao's validated targets are:", bold=True, align="l")
    d.items([
        "Near-term: reduce absolute Scope 1 and 2 (market-based) GHG emissions 42% by 2030 from a 2021 base year.",
        "Near-term: reduce absolute Scope 3 GHG emissions from purchased goods and services (category 1) and upstream "
        "transportation and distribution (category 4) 25% by 2030 from a 2021 base year. These two categories "
        "represented 84.3% of the company's 2021 Scope 3 emissions.",
        "Long-term: reach net-zero GHG emissions across the value chain by 2050, reducing absolute Scope 1, 2 and 3 "
        "emissions at least 90% from 2021 and neutralising residual emissions with permanent carbon removals.",
    ], bullet="•", indent_cm=0.6, hang_cm=0.6)
    d.p("In addition, Chenyao has set an interim target to reduce absolute Scope 1 and 2 (market-based) emissions 20% "
        "by 2025 from 2021, and joined RE100 in June 2023, committing to source 50% renewable electricity by 2030 and "
        "100% by 2040.")
    d.p(f"In the 2021 base year, Chenyao's Scope 1 and 2 (market-based) emissions were {f1(B.S12_MKT[2021])} tonnes "
        f"CO2e and its Scope 3 emissions {f1(B.SCOPE3[2021])} tonnes CO2e. By 2022, Scope 1 and 2 (market-based) "
        f"emissions had fallen to {f1(B.S12_MKT[2022])} tonnes CO2e, 9.2% below the base year, driven by energy "
        "efficiency projects at both plants and the purchase of 6,000 MWh of Taiwan renewable energy certificates "
        "(T-RECs). Since January 2023, a 20-year solar power purchase agreement has supplied the Taoyuan "
        "headquarters plant with around 8,000 MWh of renewable electricity per year.")
    d.newpage()
    d.p("\"Our customers are building the data centres and charging networks of a low-carbon economy, and they "
        "expect their suppliers to decarbonise at the same pace,\" said Kuo-Jung Huang (黃國榮), Chairman of Chenyao. "
        "\"Having our targets validated by the SBTi gives customers and investors a clear, independently checked "
        "benchmark against which to hold us accountable.\"")
    d.p("\"The Sustainability Committee of our Board reviews progress on these targets every quarter, and from 2023 "
        "15% of our senior managers' annual bonus is tied to emission reductions and renewable "
        "electricity,\" added Yi-Chun Wang (王怡君), Vice President and Chief Sustainability Officer. \"Our next "
        "priority is our supply chain: this year we surveyed 180 key suppliers on their carbon management, and we "
        "aim for suppliers covering 70% of our spend to set science-based targets by 2030.\"")
    d.p("About Chenyao Precision Electronics", bold=True, align="l", space_before=6)
    d.p("Founded in 1998 and listed on the Taiwan Stock Exchange, Chenyao designs and manufactures high-efficiency "
        "server power modules, connectors and EV charging modules for global electronics brands, with plants in "
        "Taoyuan (headquarters and Plant 1) and Taichung (Plant 2) and about 3,200 employees. Revenue in 2022 was "
        "NT$36.9 billion.")
    d.p("Media contact: Jia-Ying Tsai (蔡佳穎), Sustainability Department, esg@chenyao-elec.com.tw, "
        "+886-3-318-6600", align="l", size=9.5)
    d.p("中文摘要", bold=True, align="l", space_before=10, font=B.SANS)
    d.p("晨曜精密電子股份有限公司於2023年3月28日經董事會通過並公告之溫室氣體減量目標，已於2023年11月獲科學基礎"
        "減量目標倡議（SBTi）確認符合1.5°C路徑：近期目標為2030年範疇一＋二（市場基準）絕對排放量較2021年減少42%，"
        "範疇三類別1及類別4合計絕對排放量較2021年減少25%；長期目標為2050年達成全價值鏈淨零排放，範疇一、二、三絕對"
        "減量至少90%。本公司另訂有2025年範疇一＋二減少20%之中期目標，並於2023年6月加入RE100，承諾2030年再生電力"
        "使用比例達50%、2040年達100%。", align="j")
    expect = {1: ["42% by 2030", "25% by 2030", "net-zero"], 2: ["中文摘要", "減少42%"]}
    return d, expect


def build(B):
    m, m_exp = memo(B)
    pr, pr_exp = press_release(B)
    return [
        ("pdf", "氣候相關風險與機會評估及情境分析備忘錄.pdf", m, m_exp),
        ("docx", "再生能源採購說明.docx", re_note(B), None),
        ("pdf", "Chenyao_SBTi_NetZero_Press_Release_2023-11-21.pdf", pr, pr_exp),
    ]
