#!/usr/bin/env python3
"""Writes assets/pairs/en-zh-animals.tsv: English phrases of a number, a colour and an animal,
each with its Simplified Chinese translation, built word by word so that every line is right by
construction. Written for gradlab; run from the repository root:

    python3 scripts/pairs/make_example_pairs.py

The output is the same on every run (a fixed seed picks the counted phrases).
"""

import random

# English colour, its Chinese name. Colours take 的 before the noun: 红色的猫.
COLOURS = [
    ("red", "红色"), ("blue", "蓝色"), ("green", "绿色"), ("yellow", "黄色"),
    ("black", "黑色"), ("white", "白色"), ("grey", "灰色"), ("brown", "棕色"),
    ("pink", "粉色"), ("purple", "紫色"), ("orange", "橙色"),
]

# English singular, English plural, Chinese noun, the measure word Chinese counts it with.
ANIMALS = [
    ("cat", "cats", "猫", "只"), ("dog", "dogs", "狗", "只"), ("bird", "birds", "鸟", "只"),
    ("fish", "fish", "鱼", "条"), ("horse", "horses", "马", "匹"),
    ("rabbit", "rabbits", "兔子", "只"), ("bear", "bears", "熊", "头"),
    ("tiger", "tigers", "老虎", "只"), ("duck", "ducks", "鸭子", "只"),
    ("pig", "pigs", "猪", "头"), ("sheep", "sheep", "羊", "只"), ("cow", "cows", "牛", "头"),
    ("mouse", "mice", "老鼠", "只"), ("fox", "foxes", "狐狸", "只"),
    ("frog", "frogs", "青蛙", "只"), ("monkey", "monkeys", "猴子", "只"),
]

# Two to ten; before a measure word Chinese says 两, not 二.
NUMBERS = [
    ("two", "两"), ("three", "三"), ("four", "四"), ("five", "五"), ("six", "六"),
    ("seven", "七"), ("eight", "八"), ("nine", "九"), ("ten", "十"),
]

PLURALS = 324
SEED = 14


def article(word):
    return "an" if word[0] in "aeiou" else "a"


def main():
    singular = [
        (f"{article(c)} {c} {a}", f"一{m}{cz}的{az}")
        for c, cz in COLOURS
        for a, _, az, m in ANIMALS
    ]
    plural = [
        (f"{n} {c} {p}", f"{nz}{m}{cz}的{az}")
        for n, nz in NUMBERS
        for c, cz in COLOURS
        for _, p, az, m in ANIMALS
    ]
    chosen = sorted(random.Random(SEED).sample(range(len(plural)), PLURALS))
    lines = [
        "# English colour and animal phrases -> Simplified Chinese, for gradlab's Transformer.",
        "# Written for gradlab (scripts/pairs/make_example_pairs.py); MIT licence, as gradlab.",
        "# One pair a line: source, a tab, target. Lines starting with # are comments.",
    ]
    lines += [f"{s}\t{t}" for s, t in singular + [plural[i] for i in chosen]]
    with open("assets/pairs/en-zh-animals.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
