"""Invented but realistic issuing bodies: a real province, an invented city and county,
and a department (青禾县民政局, 云川市人力资源和社会保障局, 临溪区人民政府办公室)."""
from __future__ import annotations

import importlib.util
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
    "河南省", "湖北省", "湖南省", "广东省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "广西壮族自治区",
)
_FIRST = "青云临安清长宁白石东西南平永新兴丰嘉和泰华金玉桐柳松梅兰溪鹤凤龙枫明望双宜庆乐"
_SECOND = "禾川溪源山河江丰宁泉岭林湖原台城田州阳水峰浦塘桥港坪"
# names that exist (as cities or counties) and would place the body somewhere real
_REAL_FALLBACK = {"安阳", "平阳", "永安", "宁波", "南平", "长沙", "长春", "金华", "泰州", "临沂", "东阳", "嘉兴", "南阳", "柳林"}


@lru_cache(maxsize=1)
def real_stems() -> frozenset:
    """Two-character stems of real place names (cpca's gazetteer, read as a file)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return frozenset(_REAL_FALLBACK)
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"
    if not path.exists():
        return frozenset(_REAL_FALLBACK)
    names = [line.split(",")[1] for line in path.read_text(encoding="utf-8").splitlines()[1:] if "," in line]
    return frozenset(n[:2] for n in names if len(n) >= 3) | _REAL_FALLBACK


@dataclass(frozen=True)
class Dept:
    key: str  # 民政, 人社 … (the brief's department types)
    city_name: str  # full name at city level (without the place)
    county_name: str  # full name at county level
    short: str  # 民政局 / 人社局 / 发改委 (what the body calls itself after the place letter)
    self_ref: tuple[str, ...]  # how it refers to itself
    topics: tuple[str, ...]  # its key public-information topics


DEPTS = (
    Dept("民政", "民政局", "民政局", "民政局", ("我局", "本局"), ("城乡低保", "养老服务", "婚姻登记", "殡葬管理", "社会救助", "社会组织登记", "困境儿童保障")),
    Dept("人社", "人力资源和社会保障局", "人力资源和社会保障局", "人社局", ("我局", "本局"), ("就业创业", "社会保险", "人才引进", "劳动关系", "职业技能培训", "工资支付保障")),
    Dept("教育", "教育局", "教育局", "教育局", ("我局", "本局"), ("招生入学", "学生资助", "教师招聘", "校园安全", "学前教育", "课后服务")),
    Dept("财政", "财政局", "财政局", "财政局", ("我局", "本局"), ("预算决算", "惠企资金", "政府采购", "专项资金管理", "地方政府债务", "会计管理")),
    Dept("自然资源", "自然资源和规划局", "自然资源局", "自然资源局", ("我局", "本局"), ("国土空间规划", "征地补偿", "不动产登记", "矿产资源管理", "耕地保护", "地质灾害防治")),
    Dept("生态环境", "生态环境局", "生态环境局", "生态环境局", ("我局", "本局"), ("环境质量", "建设项目环评", "污染防治", "排污许可", "环境执法", "突发环境事件")),
    Dept("住建", "住房和城乡建设局", "住房和城乡建设局", "住建局", ("我局", "本局"), ("保障性住房", "棚户区改造", "物业管理", "建筑市场监管", "老旧小区改造", "城市燃气安全")),
    Dept("交通运输", "交通运输局", "交通运输局", "交通运输局", ("我局", "本局"), ("道路运输", "公路建设", "城乡公交", "交通综合执法", "农村公路养护", "出租汽车管理")),
    Dept("农业农村", "农业农村局", "农业农村局", "农业农村局", ("我局", "本局"), ("惠农补贴", "高标准农田建设", "乡村振兴", "农产品质量安全", "动物防疫", "农村宅基地管理")),
    Dept("卫健", "卫生健康委员会", "卫生健康局", "卫健委", ("我委", "本委"), ("医疗机构管理", "家庭医生签约", "公共卫生服务", "妇幼健康", "医疗服务价格", "职业健康")),
    Dept("市场监管", "市场监督管理局", "市场监督管理局", "市场监管局", ("我局", "本局"), ("食品安全抽检", "特种设备安全", "价格监管", "市场主体登记", "产品质量监督", "知识产权保护")),
    Dept("发改", "发展和改革委员会", "发展和改革局", "发改委", ("我委", "本委"), ("重大建设项目", "价格调整", "粮食储备", "营商环境", "项目审批", "节能降碳")),
    Dept("人民政府", "人民政府", "人民政府", "政府", ("本级政府",), ("重大建设项目", "财政预决算", "公共资源配置", "社会公益事业建设", "乡村振兴", "征地拆迁")),
    Dept("人民政府办公室", "人民政府办公室", "人民政府办公室", "政府办公室", ("我办", "本办"), ("政府文件", "政府常务会议", "政策解读", "建议提案办理", "政府公报", "政务服务")),
)


# names departments had before the reorganisations (valid for report years before the first value)
ERAS = {
    "卫健": ((2013, Dept("卫健", "卫生局", "卫生局", "卫生局", ("我局", "本局"), ("医疗机构管理", "公共卫生服务", "妇幼保健", "医疗服务价格", "新农合"))),
             (2019, Dept("卫健", "卫生和计划生育委员会", "卫生和计划生育局", "卫计委", ("我委", "本委"), ("医疗机构管理", "公共卫生服务", "计划生育奖励扶助", "妇幼健康", "医疗服务价格")))),
    "自然资源": ((2019, Dept("自然资源", "国土资源局", "国土资源局", "国土资源局", ("我局", "本局"), ("土地利用规划", "征地补偿", "土地出让", "矿产资源管理", "耕地保护", "地质灾害防治"))),),
    "生态环境": ((2019, Dept("生态环境", "环境保护局", "环境保护局", "环保局", ("我局", "本局"), ("环境质量", "建设项目环评", "污染减排", "排污收费", "环境执法", "突发环境事件"))),),
    "农业农村": ((2019, Dept("农业农村", "农业局", "农业局", "农业局", ("我局", "本局"), ("惠农补贴", "农业技术推广", "农产品质量安全", "动物防疫", "农机购置补贴"))),),
    "市场监管": ((2015, Dept("市场监管", "工商行政管理局", "工商行政管理局", "工商局", ("我局", "本局"), ("企业登记", "商标监管", "广告监管", "消费维权", "合同监管"))),),
}


def dept_in(dept: Dept, year: int) -> Dept:
    """The department as it was named in ``year``."""
    for until, older in ERAS.get(dept.key, ()):
        if year < until:
            return older
    return dept


@dataclass(frozen=True)
class Body:
    province: str
    city: str  # 青州市
    county: str | None  # 青禾县 / 临溪区, None for a city-level body
    dept: Dept

    @property
    def place(self) -> str:
        """The place the body belongs to: 青禾县 or 青州市."""
        return self.county or self.city

    @property
    def level(self) -> str:
        """县, 区 or 市: the letter a body uses for its own place (县民政局, 我县)."""
        return self.place[-1]

    @property
    def name(self) -> str:
        d = self.dept
        return self.place + (d.county_name if self.county else d.city_name)

    @property
    def region(self) -> str:
        return self.province + self.city + (self.county or "")

    @property
    def short(self) -> str:
        """县民政局, 市发改委, 县政府."""
        d = self.dept
        if d.key == "人民政府":
            return self.level + "政府"
        if d.key == "人民政府办公室":
            return self.level + "政府办公室"
        name = d.short
        if self.county and name.endswith("委"):
            name = name[:-1] + "局"  # 发改局, 卫健局, 卫计局
        return self.level + name

    @property
    def is_government(self) -> bool:
        return self.dept.key in ("人民政府", "人民政府办公室")

    @property
    def own(self) -> tuple[str, ...]:
        """How the body calls itself: 我局/本局, 我委, 我办, 我县/县政府."""
        key = self.dept.key
        if key == "人民政府":
            return ("我" + self.level, self.level + "政府")
        if self.county and self.dept.self_ref[0] == "我委":
            return ("我局", "本局")  # the county office of a 委 is a 局
        return self.dept.self_ref

    def self_ref(self, rng: random.Random) -> str:
        return rng.choice(self.own + (self.short,))

    @property
    def leadership(self) -> str:
        """Who leads: 局党组, 委党组, 县政府 …"""
        key = self.dept.key
        if key == "人民政府":
            return self.level + "政府"
        if key == "人民政府办公室":
            return "办公室党组"
        unit = self.own[0][1]
        return unit + ("党委" if key in ("民政", "卫健") else "党组")


def place_name(rng: random.Random, suffix: str, taken: set[str]) -> str:
    for _ in range(200):
        stem = rng.choice(_FIRST) + rng.choice(_SECOND)
        if stem[0] == stem[1] or stem in real_stems() or stem + suffix in taken:
            continue
        return stem + suffix
    raise RuntimeError("ran out of place names")


def new_body(rng: random.Random, used: set[str], year: int) -> Body:
    """A body (named as it was in ``year``) whose name is not in ``used`` (the name is added)."""
    for _ in range(500):
        province = rng.choice(PROVINCES)
        city = place_name(rng, "市", set())
        county = None
        r = rng.random()
        if r < 0.55:
            county = place_name(rng, "县", {city[:-1] + "县"})
        elif r < 0.7:
            county = place_name(rng, "区", {city[:-1] + "区"})
        dept = dept_in(rng.choice(DEPTS), year)
        body = Body(province, city, county, dept)
        if body.name not in used:
            used.add(body.name)
            return body
    raise RuntimeError("ran out of body names")
