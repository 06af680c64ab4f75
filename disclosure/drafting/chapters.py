"""Chapter definitions: which requirements a chapter covers (from the framework library's ``chapter``
field and crosswalk), how they are grouped into topics a report reader expects, and the TCFD /
IFRS S2 climate report preset.

A *slot* is one piece of information a chapter states (the oversight body, Scope 2 market-based
emissions, the time horizons…). Framework data points map onto slots (``DATA_POINT_SLOTS``), so a
sentence written once covers every framework that asks for it. A *topic* is a titled group of slots;
its heading becomes a sub-heading of the chapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

# ----------------------------------------------------------------------------------------------- slots


@dataclass(frozen=True)
class Slot:
    id: str
    zh: str
    en: str
    writer: str = "narrative"
    # Relevance: a sentence must contain one term of every group (AND of ORs), in either language.
    require: tuple[tuple[str, ...], ...] = ()
    query_zh: str = ""
    query_en: str = ""
    max_sentences: int = 1
    exclude: tuple[str, ...] = ()  # a sentence with any of these terms is about something else


def _s(id, zh, en, writer="narrative", require=(), qzh="", qen="", n=1, exclude=()) -> Slot:
    return Slot(id, zh, en, writer, tuple(tuple(g) for g in require), qzh, qen, n, tuple(exclude))


CLIMATE = ("氣候", "溫室氣體", "減碳", "淨零", "碳", "永續", "climate", "GHG", "emission", "net-zero", "net zero", "sustainab")

SLOTS: dict[str, Slot] = {s.id: s for s in [
    # governance
    _s("oversight_body", "負責監督氣候相關議題之董事會或功能性委員會", "board body overseeing climate-related issues", "committee",
       qzh="董事會 永續發展委員會 隸屬 氣候 監督", qen="board committee oversight climate sustainability committee"),
    _s("composition", "委員會組成與召集人", "committee composition and chair", require=[
        ("委員", "成員", "member"), ("獨立董事", "召集人", "人數", "組成", "independent", "chair", "chaired")],
       qzh="委員 獨立董事 召集人 人數 組成", qen="committee members independent director chair"),
    _s("skills", "治理單位之氣候相關專業能力與訓練", "climate competence and training of the board", require=[
        ("董事", "委員", "board", "director"),
        ("訓練", "課程", "進修", "專業能力", "training", "course", "expertise", "competenc", "skills", "education")],
       qzh="董事 氣候 教育訓練 進修 課程 專業", qen="board climate training competence skills"),
    _s("mandate", "委員會之氣候相關職權", "the committee's climate-related mandate", require=[
        ("職權", "審議", "督導", "監督", "oversee", "oversight", "review", "approve"),
        ("氣候", "溫室氣體", "減量目標", "淨零", "climate", "target", "emission")],
       qzh="委員會 職權 審議 督導 氣候 減量目標", qen="committee mandate review oversee climate strategy targets"),
    _s("meeting_frequency", "委員會開會與報告頻率", "how often the committee meets and reports", "meetings",
       qzh="委員會 每季 召開 會議 次", qen="committee meets quarterly meetings held"),
    _s("board_reporting", "向董事會報告之流程", "how the board is informed", require=[
        ("董事會", "board"), ("報告", "提報", "report", "brief")],
       qzh="向董事會報告 提報董事會 每年", qen="reports to the board twice a year"),
    _s("management_roles", "負責氣候議題之管理階層職位或單位", "management positions responsible for climate issues", require=[
        ("永續長", "辦公室", "工作小組", "推動小組", "總經理", "Chief Sustainability Officer", "working group", "office")],
       qzh="永續長 淨零推動辦公室 工作小組 管理階層", qen="chief sustainability officer net-zero office working groups management", n=2),
    _s("management_reporting", "管理階層之報告路徑", "management's reporting line", require=[
        ("辦公室", "永續長", "小組", "management", "officer", "office"), ("向", "to the", "to "), ("報告", "report")],
       qzh="辦公室 每季 向 委員會 報告 執行情形", qen="office reports to the committee each quarter"),
    _s("management_controls", "管理階層監控氣候議題之方式", "how management monitors climate issues", require=[
        ("辦公室", "永續長", "小組", "管理階層", "management", "office", "officer"),
        ("追蹤", "監控", "內部控制", "稽核", "檢討", "monitor", "track", "internal control"),
        ("目標", "執行", "進度", "績效", "數據", "target", "progress", "performance", "data")],
       qzh="追蹤 目標 達成情形 監控 內部控制", qen="monitor track progress targets controls"),
    _s("remuneration_link", "薪酬與氣候績效之連結", "link between pay and climate performance", require=[
        ("薪酬", "獎金", "酬金", "績效", "remuneration", "bonus", "compensation", "incentive"),
        ("氣候", "減量", "溫室氣體", "再生", "碳", "climate", "emission", "renewable", "GHG")],
       qzh="高階經理人 績效獎金 連結 溫室氣體減量 再生能源", qen="executive bonus linked to GHG reduction renewable targets"),
    _s("remuneration_policy", "薪酬政策與決定流程", "remuneration policy and process", require=[
        ("薪酬", "酬金", "remuneration", "compensation"), ("委員會", "政策", "辦法", "committee", "policy")],
       qzh="薪資報酬委員會 薪酬政策", qen="remuneration committee policy"),
    # risks, strategy, risk management
    _s("time_horizons", "短、中、長期之定義", "definitions of short, medium and long term", require=[
        ("短期", "short-term", "short term"), ("中期", "長期", "medium", "long")],
       qzh="短期 中期 長期 年", qen="short medium long term years horizon"),
    _s("risks", "所辨識之氣候風險", "climate-related risks identified", require=[
        ("風險", "risk"), ("轉型", "實體", "碳費", "淹水", "乾旱", "缺水", "限水", "電價", "法規", "physical", "transition",
                        "flood", "drought", "carbon fee", "price")],
       qzh="氣候風險 轉型風險 實體風險 碳費 淹水 乾旱", qen="climate risks transition physical carbon fee flooding drought", n=3),
    _s("opportunities", "所辨識之氣候機會", "climate-related opportunities identified", require=[
        ("機會", "opportunit"), ("產品", "市場", "效率", "低碳", "節能", "product", "market", "efficien")],
       qzh="氣候機會 低碳產品 高效率 市場", qen="climate opportunities efficient products market", n=2),
    _s("risk_process", "辨識與評估氣候風險之流程", "process for identifying and assessing climate risks", require=[
        ("辨識", "鑑別", "評估", "identif", "assess"), ("風險", "risk"),
        ("流程", "程序", "可能性", "衝擊", "矩陣", "工作坊", "問卷", "process", "likelihood", "impact", "matrix", "workshop")],
       qzh="風險 鑑別 評估 流程 發生可能性 衝擊程度", qen="risk identification assessment process likelihood impact", n=2),
    _s("business_effects", "對營運、產品與價值鏈之影響", "effects on operations, products and the value chain", require=[
        ("影響", "衝擊", "impact", "effect"), ("營運", "產品", "供應鏈", "研發", "客戶", "operations", "products", "supply chain", "customer")],
       qzh="氣候 影響 營運 產品 供應鏈 客戶", qen="climate impact operations products supply chain customers"),
    _s("financial_effects", "財務影響", "financial effects", require=[
        ("財務", "新台幣", "新臺幣", "NT$", "成本", "營收", "費用", "financial", "cost", "revenue")],
       qzh="財務影響 新台幣 成本 碳費 營收", qen="financial impact NT$ cost carbon fee revenue", n=2),
    _s("scenarios", "情境分析所採用之情境", "scenarios used in the analysis", "scenarios",
       qzh="情境分析 IEA NZE STEPS SSP1-2.6 SSP5-8.5", qen="scenario analysis IEA NZE STEPS SSP"),
    _s("resilience", "策略韌性結論", "conclusion on strategic resilience", require=[("韌性", "resilien")],
       qzh="策略韌性 情境分析 結果", qen="resilience of strategy scenario analysis"),
    _s("risk_response", "風險因應與調適措施", "how risks are mitigated and adapted to", require=[
        ("因應", "減緩", "調適", "移轉", "保險", "防洪", "mitigat", "adapt", "transfer", "insurance")],
       qzh="因應措施 調適 減緩 防洪 保險", qen="response measures adaptation mitigation insurance", n=2),
    _s("erm_integration", "納入整體風險管理", "integration into enterprise risk management", require=[
        ("整體風險管理", "企業風險管理", "風險管理政策", "風險管理委員會", "風險管理機制", "enterprise risk", "ERM", "risk management framework")],
       qzh="納入 整體風險管理 風險管理政策", qen="integrated into enterprise risk management"),
    _s("transition_plan", "轉型計畫", "transition plan", require=[
        ("轉型", "路徑", "藍圖", "roadmap", "transition", "pathway"), CLIMATE + ("減量", "低碳")],
       qzh="淨零轉型 減碳路徑 藍圖", qen="transition plan decarbonisation pathway roadmap", n=2),
    _s("resourcing", "因應措施之資源與資本配置", "resources and capital deployed", require=[
        ("投資", "預算", "資本支出", "資金", "invest", "budget", "capex", "capital expenditure")],
       qzh="投資 預算 資本支出 減碳", qen="investment budget capital expenditure decarbonisation"),
    # GHG inventory
    _s("standard_used", "盤查依據之標準", "standard the inventory follows", require=[
        ("ISO 14064", "溫室氣體盤查議定書", "GHG Protocol", "Greenhouse Gas Protocol")],
       qzh="依據 ISO 14064-1 溫室氣體盤查議定書 盤查", qen="inventory prepared according to ISO 14064-1 GHG Protocol",
       exclude=("供應商", "supplier")),
    _s("consolidation", "組織邊界與合併方法", "organisational boundary and consolidation approach", require=[
        ("營運控制", "財務控制", "股權比例", "operational control", "financial control", "equity share")],
       qzh="組織邊界 營運控制權法", qen="organisational boundary operational control approach"),
    _s("quant_methods", "量化方法", "quantification method", require=[
        ("排放係數法", "質量平衡", "活動數據", "直接量測", "emission factor", "activity data", "mass balance")],
       qzh="量化方法 排放係數法 活動數據", qen="quantification method emission factor activity data"),
    _s("emission_factors", "排放係數來源", "emission factor sources", require=[
        ("排放係數", "排碳係數", "emission factor"), ("管理表", "公告", "能源署", "IPCC", "DEFRA", "資料庫", "database", "source", "來源")],
       qzh="排放係數 來源 排放係數管理表 能源署 公告", qen="emission factor sources"),
    _s("gwp", "全球暖化潛勢（GWP）來源", "source of global warming potentials", require=[
        ("GWP", "全球暖化潛勢", "global warming potential"), ("AR5", "AR6", "AR4", "評估報告", "Assessment Report")],
       qzh="全球暖化潛勢 GWP AR5 第五次評估報告", qen="global warming potential GWP AR5"),
    _s("gases", "涵蓋之溫室氣體", "greenhouse gases included", "gases",
       qzh="溫室氣體 CO2 CH4 N2O HFCs", qen="greenhouse gases CO2 CH4 N2O HFCs"),
    _s("base_year", "基準年", "base year", "base_year", qzh="基準年 年", qen="base year"),
    _s("base_year_rationale", "基準年之選定理由", "why the base year was chosen", require=[
        ("基準年", "base year"), ("理由", "原因", "首次", "因", "because", "reason", "first")],
       qzh="基準年 理由 首次 完整盤查", qen="base year chosen because first complete inventory"),
    _s("recalculation", "基準年重新計算政策", "base-year recalculation policy", require=[("重新計算", "重算", "recalculat")],
       qzh="基準年 重新計算 5%", qen="base year recalculation policy threshold"),
    _s("scope1", "範疇一排放量", "Scope 1 emissions", "ghg", qzh="範疇一 直接排放 公噸CO2e", qen="Scope 1 emissions tCO2e"),
    _s("scope2_location", "範疇二排放量（地點基準）", "Scope 2 emissions (location-based)", "ghg",
       qzh="範疇二 地點基準 公噸CO2e", qen="Scope 2 location-based emissions"),
    _s("scope2_market", "範疇二排放量（市場基準）", "Scope 2 emissions (market-based)", "ghg",
       qzh="範疇二 市場基準 公噸CO2e", qen="Scope 2 market-based emissions"),
    _s("contractual_instruments", "市場基準所用之契約工具", "contractual instruments behind the market-based figure", require=[
        ("憑證", "T-REC", "轉供", "購售電", "PPA", "綠電", "certificate", "power purchase")],
       qzh="再生能源憑證 T-REC 轉供 購售電契約 市場基準", qen="renewable energy certificates PPA market-based"),
    _s("scope3", "範疇三排放量", "Scope 3 emissions", "ghg", qzh="範疇三 排放量 公噸CO2e", qen="Scope 3 emissions"),
    _s("scope3_categories", "範疇三涵蓋之類別", "Scope 3 categories included", "scope3_categories",
       qzh="範疇三 類別 不具相關性", qen="Scope 3 categories not relevant"),
    _s("trend", "歷年排放趨勢", "emission trend", "trend"),
    _s("intensity", "排放密集度", "emission intensity", "intensity", qzh="排放密集度 每新台幣百萬元", qen="emission intensity per revenue"),
    _s("consolidated_breakdown", "合併集團與其他被投資者之排放拆分", "split between consolidated group and other investees", require=[
        ("合併", "子公司", "合資", "關聯企業", "consolidated", "subsidiar", "joint venture", "investee")],
       qzh="合併 子公司 合資 營運控制", qen="consolidated group subsidiaries joint ventures"),
    _s("assurance", "外部查證或確信", "external verification or assurance", require=[
        ("查證", "確信", "verification", "assurance", "verified"),
        ("ISO 14064-3", "合理保證", "有限保證", "reasonable", "limited", "查證機構", "驗證", "聲明書", "statement")],
       qzh="外部查證 ISO 14064-3 合理保證 有限保證 查證機構", qen="third-party verification ISO 14064-3 assurance", n=2),
    _s("ods", "破壞臭氧層物質排放", "ozone-depleting substances", require=[("破壞臭氧層", "ODS", "CFC-11")],
       qzh="破壞臭氧層物質 ODS", qen="ozone-depleting substances"),
    _s("air_pollutants", "氮氧化物、硫氧化物等空氣污染物", "NOx, SOx and other air emissions", require=[
        ("氮氧化物", "硫氧化物", "NOx", "SOx", "揮發性有機物", "VOC", "粒狀物")],
       qzh="氮氧化物 硫氧化物 空氣污染物", qen="NOx SOx air emissions"),
    # targets
    _s("targets", "減量目標", "reduction targets", "targets", qzh="減量目標 2030 2050 淨零 基準年", qen="reduction target 2030 net-zero 2050 base year"),
    _s("progress", "目標達成進度", "progress against targets", "progress", qzh="目標 達成 進度 減少", qen="progress against target reduction to date"),
    _s("sbti", "目標之外部確認", "external validation of targets", require=[
        ("SBTi", "科學基礎減量目標", "Science Based Targets", "science-based"), ("審核", "驗證", "通過", "確認", "validat", "approved")],
       qzh="SBTi 科學基礎減量目標 審核通過", qen="SBTi validated science-based targets"),
    _s("target_review", "目標之檢視與修訂", "how targets are reviewed", require=[
        ("檢視", "檢討", "修訂", "review", "revis"), ("目標", "target")],
       qzh="目標 每年 檢視 檢討 修訂", qen="targets reviewed annually revised"),
    _s("aligned_1_5c", "是否與1.5°C路徑一致", "alignment with 1.5 °C", require=[("1.5°C", "1.5 °C", "1.5度", "1.5℃", "1.5 ℃")],
       qzh="1.5°C 升溫 路徑", qen="1.5°C aligned"),
    _s("carbon_price", "內部碳定價", "internal carbon price", require=[
        ("內部碳定價", "內部碳價", "影子價格", "影子碳價", "shadow price", "internal carbon price", "internal carbon pricing")],
       qzh="內部碳定價 影子價格 每公噸 新台幣", qen="internal carbon price shadow price per tonne"),
    _s("carbon_credits", "碳權之使用規劃", "planned use of carbon credits", require=[
        ("碳權", "抵換", "碳信用", "carbon credit", "offset", "移除", "removal")],
       qzh="碳權 抵換 殘餘排放 移除", qen="carbon credits offsets residual emissions removals"),
    _s("sectoral_approach", "是否採產業別減量方法", "whether a sectoral decarbonisation approach is used", require=[
        ("產業別", "部門別", "sectoral", "SDA", "絕對減量", "absolute contraction")],
       qzh="絕對減量法 產業別", qen="absolute contraction sectoral decarbonisation approach"),
    _s("metrics_used", "用以評估氣候風險與機會之指標", "metrics used to assess climate risks and opportunities", require=[
        ("指標", "metric", "KPI"), CLIMATE],
       qzh="氣候 指標 管理 績效", qen="climate metrics KPIs"),
    # energy and reductions
    _s("electricity", "外購電力使用量", "purchased electricity", "electricity", qzh="外購電力 用電量 MWh 度", qen="purchased electricity MWh"),
    _s("renewables", "再生能源使用量與比例", "renewable electricity and its share", "renewables",
       qzh="再生能源 憑證 T-REC 轉供 購售電契約 比例", qen="renewable electricity T-REC PPA share"),
    _s("fuel_use", "燃料使用量", "fuel consumption", require=[
        ("天然氣", "柴油", "汽油", "燃料", "natural gas", "diesel", "fuel"), ("GJ", "吉焦", "公秉", "立方公尺", "公升", "使用量", "consum")],
       qzh="天然氣 柴油 汽油 使用量 GJ", qen="fuel consumption natural gas diesel GJ"),
    _s("total_energy", "總能源消耗量", "total energy consumption", require=[
        ("總能源", "能源消耗", "能源使用", "能源耗用", "energy consumption"), ("GJ", "吉焦", "焦耳", "joule")],
       qzh="總能源消耗量 GJ 吉焦耳", qen="total energy consumption GJ"),
    _s("reductions", "減量成果", "emission reductions achieved", "reductions", qzh="減量 成果 減少 公噸CO2e", qen="emission reductions achieved"),
    _s("energy_saved", "節能成效", "energy saved", require=[
        ("節能", "節電", "節省", "energy sav", "saving"), ("度", "kWh", "MWh", "GJ", "%", "％")],
       qzh="節能 節電 節省 度 MWh", qen="energy savings MWh"),
    _s("reduction_projects", "主要減量措施", "main reduction measures", require=[
        ("措施", "專案", "汰換", "改善", "導入", "更新", "project", "measure", "retrofit", "upgrade", "replace"),
        ("節能", "減碳", "效率", "能源", "排放", "energy", "emission", "efficien")],
       qzh="減量措施 節能專案 汰換 高效率 設備", qen="reduction projects energy efficiency retrofit", n=3),
    _s("re_commitments", "再生能源承諾與採購", "renewable electricity commitments and procurement", require=[
        ("RE100", "再生能源", "綠電", "renewable"), ("承諾", "目標", "加入", "會員", "契約", "採購", "commit", "target", "member", "procure")],
       qzh="RE100 再生能源 目標 購售電契約 採購", qen="RE100 renewable electricity target procurement", n=2),
    # carbon neutrality
    _s("neutrality_claim", "碳中和宣告", "carbon-neutrality claim", require=[
        ("碳中和", "carbon neutral", "carbon-neutral", "ISO 14068", "PAS 2060")],
       qzh="碳中和 宣告 ISO 14068-1", qen="carbon neutrality claim ISO 14068-1", n=2),
    _s("removals", "價值鏈內之溫室氣體移除", "GHG removals in the value chain", require=[
        ("碳移除", "碳匯", "移除量", "removal", "sequestration", "碳捕捉", "植樹")],
       qzh="碳移除 碳匯", qen="GHG removals sequestration"),
    _s("credits", "碳權之取得與註銷", "carbon credits purchased and retired", require=[
        ("碳權", "碳信用", "抵換", "carbon credit", "offset")],
       qzh="碳權 註銷 抵換專案", qen="carbon credits retired offsets", n=2),
    # supply chain
    _s("supplier_screening", "以環境準則篩選新供應商", "screening new suppliers on environmental criteria", require=[
        ("供應商", "supplier"), ("篩選", "評鑑", "新供應商", "screen", "環境準則", "行為準則", "code of conduct")],
       qzh="新供應商 評鑑 環境準則 篩選", qen="new suppliers screened environmental criteria"),
    _s("supplier_assessment", "供應商評估與議合", "supplier assessment and engagement", require=[
        ("供應商", "supplier"), ("評估", "稽核", "問卷", "調查", "議合", "assess", "audit", "survey", "engage")],
       qzh="供應商 碳盤查 調查 問卷 回覆", qen="supplier carbon survey assessment engagement", n=2),
    _s("supplier_targets", "對供應商之減碳要求與目標", "reduction expectations and targets for suppliers", require=[
        ("供應商", "supplier"), ("目標", "科學基礎", "SBT", "target", "要求", "require")],
       qzh="供應商 科學基礎減量目標 採購金額 2030", qen="suppliers set science-based targets by 2030"),
    _s("product_footprint", "產品碳足跡", "product carbon footprint", require=[("碳足跡", "ISO 14067", "footprint")],
       qzh="產品碳足跡 ISO 14067 kgCO2e", qen="product carbon footprint ISO 14067"),
    _s("data_exchange", "碳排放數據交換", "emission data exchange with customers and suppliers", require=[
        ("PACT", "資料交換", "數據交換", "data exchange", "Pathfinder")],
       qzh="PACT 碳足跡 數據交換 客戶", qen="PACT product footprint data exchange"),
]}

# Framework data point id → slot. A key "framework:requirement/data_point" overrides the plain id.
DATA_POINT_SLOTS: dict[str, str] = {
    # governance
    "oversight_body": "oversight_body", "body": "oversight_body", "impact_committees": "oversight_body",
    "structure": "oversight_body", "composition": "composition", "skills": "skills",
    "mandate": "mandate", "climate_in_decisions": "mandate", "target_oversight": "mandate", "oversight_role": "mandate",
    "briefing_frequency": "meeting_frequency", "frequency": "meeting_frequency", "review_frequency": "meeting_frequency",
    "briefing_process": "board_reporting",
    "responsible_positions": "management_roles", "delegated_position": "management_roles", "delegated_to": "management_roles",
    "reporting_line": "management_reporting", "reporting_back": "management_reporting",
    "monitoring_process": "management_controls", "controls": "management_controls",
    "how_factored": "remuneration_link", "link_to_impacts": "remuneration_link", "share_linked": "remuneration_link",
    "gri:2-19/policies": "remuneration_policy", "gri:2-20/process": "remuneration_policy",
    # risks and strategy
    "time_horizons": "time_horizons", "risks": "risks", "risks_opportunities": "risks", "risk_type": "risks",
    "risk_description": "risks", "opportunities": "opportunities", "opportunity_process": "opportunities",
    "materiality_process": "risk_process", "identification_process": "risk_process", "assessment_criteria": "risk_process",
    "inputs": "risk_process", "assessment": "risk_process", "prioritisation_monitoring": "risk_process",
    "prioritisation": "risk_process", "uses_scenarios": "scenarios",
    "business_effects": "business_effects", "effects": "business_effects", "business_model_changes": "business_effects",
    "concentration": "business_effects",
    "financial_planning_effects": "financial_effects", "financial_implications": "financial_effects",
    "current_effects": "financial_effects", "anticipated_position": "financial_effects",
    "anticipated_performance": "financial_effects", "quantified_effects": "financial_effects",
    "cost_of_actions": "financial_effects", "material_adjustment_risk": "financial_effects",
    "scenarios_used": "scenarios", "scenarios": "scenarios", "includes_2c_or_lower": "scenarios",
    "includes_1_5c_scenario": "scenarios", "ifrs_s2:22/key_assumptions": "scenarios", "ifrs_s2:22/reporting_period": "scenarios",
    "resilience_conclusion": "resilience", "resilience_assessment": "resilience",
    "management_process": "risk_response", "mitigation_adaptation": "risk_response", "adaptation_plan": "risk_response",
    "management_methods": "risk_response",
    "erm_integration": "erm_integration", "integration": "erm_integration",
    "transition_plan": "transition_plan", "plan": "transition_plan", "ifrs_s2:14(a)(iv)/key_assumptions": "transition_plan",
    "legacy_assets": "transition_plan", "plans_for_targets": "transition_plan",
    "resourcing": "resourcing", "capex": "resourcing",
    # GHG inventory
    "standard_used": "standard_used", "methodology": "standard_used", "tcfd:MT-b/methodology": "standard_used",
    "ifrs_s2:29(a)(vi)(2)/methodology": "", "consolidation_approach": "consolidation", "methods": "quant_methods", "approach": "quant_methods",
    "changes": "recalculation", "ifrs_s2:29(a)(iii)/changes": "recalculation", "gri:3-2/changes": "",
    "emission_factor_source": "emission_factors", "gwp_source": "gwp", "gases_included": "gases", "gases_covered": "gases",
    "base_year": "base_year", "base_period": "base_year", "base_year_rationale": "base_year_rationale",
    "recalculation": "recalculation",
    "gross_scope1": "scope1", "scope1": "scope1",
    "scope2_location_based": "scope2_location", "scope2": "scope2_location", "scope2_market_based": "scope2_market",
    "contractual_instruments": "contractual_instruments",
    "gross_scope3": "scope3", "scope3": "scope3",
    "categories": "scope3_categories", "categories_included": "scope3_categories", "by_category": "scope3_categories",
    "intensity": "intensity", "gri:305-4/denominator": "intensity", "scopes_included": "intensity",
    "consolidated_group": "consolidated_breakdown", "other_investees": "consolidated_breakdown",
    "ods": "ods", "nox": "air_pollutants", "sox": "air_pollutants", "voc_pm": "air_pollutants",
    # targets
    "targets": "targets", "objective": "targets", "metric": "targets", "target_period": "targets",
    "absolute_or_intensity": "targets", "scopes_covered": "targets", "scope_of_entity": "targets", "milestones": "targets",
    "progress": "progress", "performance": "progress", "trend_analysis": "progress",
    "third_party_validated": "sbti", "review_process": "target_review", "revisions": "target_review",
    "aligned_1_5c": "aligned_1_5c", "price": "carbon_price", "application": "carbon_price",
    "internal_carbon_price": "carbon_price",
    "gross_or_net": "carbon_credits", "gross_target_for_net": "carbon_credits", "carbon_credit_reliance": "carbon_credits",
    "credit_scheme": "carbon_credits", "credit_type": "carbon_credits", "sectoral_approach": "sectoral_approach",
    "metrics_list": "metrics_used", "historical_periods": "metrics_used",
    # energy and reductions
    "electricity": "electricity", "renewable_electricity": "renewables", "fuel_nonrenewable": "fuel_use",
    "total_energy": "total_energy", "conversion_factors": "total_energy",
    "reductions": "reductions", "gri:305-5/scopes": "reductions", "gri:305-5/baseline": "reductions",
    "energy_saved": "energy_saved", "gri:302-4/baseline": "energy_saved",
    # carbon neutrality
    "removals": "removals", "credits_retired": "credits", "credit_details": "credits",
    # supply chain
    "share_screened": "supplier_screening", "suppliers_assessed": "supplier_assessment",
    "suppliers_with_impacts": "supplier_assessment", "improvement_agreed_pct": "supplier_assessment",
    "terminated_pct": "supplier_assessment",
}


def slot_for(requirement_ref: str, data_point_id: str) -> str | None:
    """The slot a requirement's data point fills, or None when no topic writes it (drafted on its own)."""
    key = f"{requirement_ref}/{data_point_id}"
    if key in DATA_POINT_SLOTS:
        return DATA_POINT_SLOTS[key] or None
    return DATA_POINT_SLOTS.get(data_point_id) or None


# ----------------------------------------------------------------------------------------------- topics


@dataclass(frozen=True)
class Topic:
    id: str
    zh: str
    en: str
    slots: tuple[str, ...]
    pillar: str = "metrics-targets"


def _t(id, zh, en, slots, pillar="metrics-targets") -> Topic:
    return Topic(id, zh, en, tuple(slots), pillar)


CHAPTER_TOPICS: dict[str, list[Topic]] = {
    "governance": [
        _t("board-oversight", "董事會對氣候議題之監督", "Board oversight of climate-related issues",
           ["oversight_body", "composition", "mandate", "meeting_frequency", "board_reporting", "skills"], "governance"),
        _t("management-role", "管理階層之角色", "Management's role",
           ["management_roles", "management_reporting", "management_controls"], "governance"),
        _t("remuneration", "薪酬與氣候績效之連結", "Remuneration linked to climate performance",
           ["remuneration_link", "remuneration_policy"], "governance"),
    ],
    "risk-strategy": [
        _t("risks-opportunities", "氣候相關風險與機會", "Climate-related risks and opportunities",
           ["time_horizons", "risks", "opportunities"], "strategy"),
        _t("impacts", "對營運、策略與財務之影響", "Effects on business, strategy and finances",
           ["business_effects", "financial_effects", "transition_plan", "resourcing"], "strategy"),
        _t("scenario-analysis", "情境分析與策略韌性", "Scenario analysis and resilience", ["scenarios", "resilience"], "strategy"),
        _t("risk-management", "氣候風險管理流程", "Managing climate-related risks",
           ["risk_process", "risk_response", "erm_integration"], "risk-management"),
    ],
    "ghg-inventory": [
        _t("boundary-methods", "盤查依據、邊界與方法", "Standards, boundary and methods",
           ["standard_used", "consolidation", "consolidated_breakdown", "quant_methods", "emission_factors", "gwp", "gases"]),
        _t("base-year", "基準年", "Base year", ["base_year", "base_year_rationale", "recalculation"]),
        _t("emissions", "溫室氣體排放量", "Greenhouse gas emissions",
           ["scope1", "scope2_location", "scope2_market", "contractual_instruments", "scope3", "scope3_categories", "trend"]),
        _t("intensity", "排放密集度", "Emission intensity", ["intensity"]),
        _t("assurance", "外部查證", "External verification", ["assurance"]),
        _t("other-emissions", "其他排放", "Other emissions", ["ods", "air_pollutants"]),
    ],
    "targets-transition": [
        _t("targets", "減碳目標", "Reduction targets", ["targets", "base_year", "sbti", "aligned_1_5c", "sectoral_approach", "gases"]),
        _t("progress", "目標達成進度", "Progress against targets", ["progress", "target_review"]),
        _t("transition-plan", "轉型計畫", "Transition plan", ["transition_plan", "resourcing", "metrics_used"], "strategy"),
        _t("carbon-pricing-credits", "內部碳定價與碳權", "Internal carbon pricing and carbon credits",
           ["carbon_price", "carbon_credits"]),
    ],
    "reduction-renewables": [
        _t("energy", "能源使用", "Energy use", ["electricity", "fuel_use", "total_energy"]),
        _t("renewables", "再生能源", "Renewable electricity", ["renewables", "re_commitments"]),
        _t("reductions", "減量行動與成果", "Reduction actions and results", ["reduction_projects", "energy_saved", "reductions"]),
    ],
    "carbon-neutrality": [
        _t("claim", "碳中和宣告", "Carbon-neutrality claim", ["neutrality_claim"]),
        _t("removals-credits", "碳移除與碳權", "Removals and carbon credits", ["removals", "credits"]),
    ],
    "supply-chain": [
        _t("supplier-engagement", "供應商議合", "Supplier engagement",
           ["supplier_assessment", "supplier_screening", "supplier_targets"], "strategy"),
        _t("product-data", "產品碳足跡與數據交換", "Product footprints and data exchange", ["product_footprint", "data_exchange"]),
    ],
}

CHAPTER_NUMERALS_ZH = "一二三四五六七八九十"

# The chapters a company can draft (ids of the framework library) plus the report preset.
PRESET_ID = "tcfd-report"


@dataclass
class SlotPlan:
    slot: Slot
    # requirement ref → data points of that requirement this slot fills: (id, zh name, en name, required)
    covers: dict[str, list[tuple[str, str, str, bool]]] = field(default_factory=dict)

    @property
    def requirement_ids(self) -> list[str]:
        return list(self.covers)

    @property
    def required(self) -> bool:
        return any(req for dps in self.covers.values() for (_i, _z, _e, req) in dps)


@dataclass
class TopicPlan:
    topic: Topic
    slots: list[SlotPlan]
    heading_zh: str
    heading_en: str

    @property
    def requirement_ids(self) -> list[str]:
        out: dict[str, None] = {}
        for s in self.slots:
            for r in s.requirement_ids:
                out.setdefault(r, None)
        return list(out)


@dataclass
class ChapterPlan:
    chapter: str
    title_zh: str
    title_en: str
    topics: list[TopicPlan]
    requirements: list  # frameworks.schema.Requirement
    frameworks: list[str]

    def heading(self, lang: str) -> str:
        return self.title_zh if lang.startswith("zh") else self.title_en


def _library(library=None):
    if library is not None:
        return library
    from frameworks.library import default_library

    return default_library()


def chapter_ids(library=None) -> list[str]:
    """The chapters the library defines, in report order, and the climate report preset."""
    return [c.id for c in _library(library).chapters()] + [PRESET_ID]


def chapter_requirements(chapter_id: str, frameworks: Sequence[str], library=None) -> list:
    """Requirements a chapter must cover for the chosen frameworks: those the library files under the
    chapter, plus requirements of the chosen frameworks crosswalked to them (e.g. a TWSE item that
    asks the same as TCFD G-a)."""
    lib = _library(library)
    reqs = lib.requirements_for_chapter(chapter_id, list(frameworks) or None)
    wanted = {lib.get_framework(f).id for f in frameworks} if frameworks else None
    seen = {r.ref for r in reqs}
    for r in list(reqs):
        try:
            linked = lib.crosswalk(r.ref)
        except Exception:  # a library without crosswalk data
            linked = []
        for x in linked:
            if x.ref not in seen and (wanted is None or x.framework in wanted) and x.status != "withdrawn" \
                    and (x.chapter in (None, chapter_id)):
                reqs.append(x)
                seen.add(x.ref)
    return [r for r in reqs if r.status != "withdrawn"]


def plan_chapter(chapter_id: str, frameworks: Sequence[str], library=None) -> ChapterPlan:
    """Topics, slots and the requirements (and data points) each slot covers, for one chapter."""
    lib = _library(library)
    chapter = lib.chapter(chapter_id)
    reqs = chapter_requirements(chapter_id, frameworks, lib)
    topics = CHAPTER_TOPICS.get(chapter_id, [])
    slot_topic = {s: t.id for t in topics for s in t.slots}
    plans: dict[str, TopicPlan] = {
        t.id: TopicPlan(t, [SlotPlan(SLOTS[s]) for s in t.slots], t.zh, t.en) for t in topics}
    leftovers: list[TopicPlan] = []
    for r in reqs:
        own: list[tuple[str, str, str, bool]] = []
        for dp in r.data_points:
            sid = slot_for(r.ref, dp.id)
            entry = (dp.id, dp.name.zh, dp.name.en, dp.required)
            if sid and sid in slot_topic:
                tp = plans[slot_topic[sid]]
                sp = next(x for x in tp.slots if x.slot.id == sid)
                sp.covers.setdefault(r.ref, []).append(entry)
            else:
                own.append(entry)
        if own or not r.data_points:
            # Drafted on its own from its title, description and search hints.
            hints_zh = tuple(r.search_hints.zh[:8])
            hints_en = tuple(r.search_hints.en[:8])
            sp_list = []
            for dp_id, zh, en, req in (own or [("_", r.title.zh, r.title.en, True)]):
                slot = Slot(f"{r.ref}/{dp_id}", zh, en, "narrative", ((*hints_zh, *hints_en),),
                            " ".join((zh, *hints_zh[:4])), " ".join((en, *hints_en[:4])))
                sp_list.append(SlotPlan(slot, {r.ref: [(dp_id, zh, en, req)]}))
            leftovers.append(TopicPlan(Topic(f"req:{r.ref}", r.title.zh, r.title.en, (), r.pillar or "metrics-targets"),
                                       sp_list, r.title.zh, r.title.en))
    return ChapterPlan(chapter_id, chapter.title.zh, chapter.title.en, [plans[t.id] for t in topics] + leftovers,
                       reqs, list(frameworks))


# ----------------------------------------------------------------------------------------------- report preset

PILLAR_TITLES = {
    "governance": ("治理", "Governance"),
    "strategy": ("策略", "Strategy"),
    "risk-management": ("風險管理", "Risk management"),
    "metrics-targets": ("指標與目標", "Metrics and targets"),
}
PRESET_TITLE = ("TCFD／IFRS S2 氣候相關財務揭露報告", "TCFD / IFRS S2 climate-related disclosure report")
# Chapters 1–5 of the net-zero report, assembled in the four-pillar order.
PRESET_CHAPTERS = ("governance", "risk-strategy", "ghg-inventory", "targets-transition", "reduction-renewables")
TCFD_DISCLOSURES = ("G-a", "G-b", "S-a", "S-b", "S-c", "R-a", "R-b", "R-c", "MT-a", "MT-b", "MT-c")


def preset_frameworks(frameworks: Sequence[str]) -> list[str]:
    """The preset always answers TCFD (and its successor IFRS S2) besides what the user chose."""
    out = list(frameworks)
    for f in ("tcfd", "ifrs_s2"):
        if not any(x.replace("-", "_").lower() == f for x in out):
            out.append(f)
    return out
