#!/usr/bin/env python3
"""Make the small fixture fonts of test/fixtures/fonts (run once by a developer; not part of the
build or the tests): subsets of the Noto fonts from node_modules, renamed to the family names
jianbao looks for on a machine (仿宋 FangSong, 楷体 KaiTi in a .ttc, 黑体 SimHei, 方正小标宋简体),
plus a "traditional-only" 仿宋 that lacks common simplified characters. Needs fontTools
(Debian: python3-fonttools).  Usage: /usr/bin/python3 scripts/make-font-fixtures.py
"""
import os
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection

ROOT = os.path.join(os.path.dirname(__file__), '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'fonts')
SERIF = os.path.join(ROOT, 'node_modules/@expo-google-fonts/noto-serif-sc')
SANS = os.path.join(ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc')
CHARS = open(os.path.join(OUT, 'chars.txt'), encoding='utf-8').read().replace('\n', '')
ASCII = ''.join(chr(c) for c in range(0x20, 0x7f))


def make(src, en, zh, ps, chars):
    opts = subset.Options()
    opts.name_IDs = []
    opts.layout_features = []
    opts.notdef_outline = True
    font = TTFont(src)
    sub = subset.Subsetter(options=opts)
    sub.populate(text=chars)
    sub.subset(font)
    name = font['name']
    name.names = []
    for lang, fam in ((0x409, en), (0x804, zh)):
        name.setName(fam, 1, 3, 1, lang)
        name.setName('Regular', 2, 3, 1, lang)
        name.setName(fam, 4, 3, 1, lang)
    name.setName(ps, 6, 3, 1, 0x409)
    return font


def save(font, *parts):
    path = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    font.save(path)
    print(path, os.path.getsize(path))


all_chars = CHARS + ASCII
save(make(f'{SERIF}/400Regular/NotoSerifSC_400Regular.ttf', 'FangSong', '仿宋', 'FixtureFangSong', all_chars), 'installed', 'simfang.ttf')
save(make(f'{SANS}/500Medium/NotoSansSC_500Medium.ttf', 'SimHei', '黑体', 'FixtureSimHei', all_chars), 'installed', 'simhei.ttf')
save(make(f'{SERIF}/900Black/NotoSerifSC_900Black.ttf', 'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'FixtureXiaoBiaoSong', all_chars), 'installed', 'fzxbsjt.ttf')
# 楷体 as the second member of a collection
ttc = TTCollection()
ttc.fonts = [
    make(f'{SANS}/400Regular/NotoSansSC_400Regular.ttf', 'Fixture Other', '其他字体', 'FixtureOther', ASCII),
    make(f'{SERIF}/600SemiBold/NotoSerifSC_600SemiBold.ttf', 'KaiTi', '楷体', 'FixtureKaiTi', all_chars),
]
path = os.path.join(OUT, 'installed', 'simkai.ttc')
ttc.save(path)
print(path, os.path.getsize(path))
# a 仿宋 without the common simplified characters (like the Big5-only cwTeX 仿宋體)
probe = '国这发会区经济项目进设党县单位达亿万元务实现'
save(make(f'{SERIF}/400Regular/NotoSerifSC_400Regular.ttf', 'cwTeXFangSong', 'cwTeX 仿宋體', 'FixtureTraditional', ''.join(c for c in all_chars if c not in probe)), 'traditional', 'cwfs.ttf')
