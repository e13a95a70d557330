"""A synthetic archive of raw transcripts, in the source's layout, seeded.

    python bench/synth.py N OUT_DIR [--seed 1]

People, topics and places follow a Zipf-like law (a few very frequent, a
long tail): about 2,000 people, 150 topics, 90 places over 25 years. Turn
counts run from a few to press conferences of 100+ turns. The sentences are
those of the real corpus (tests/fixtures/corpus, CC BY 4.0, President of
Russia, kremlin.ru), recombined.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MONTHS = "January February March April May June July August September October November December".split()
FIRST = "Alexander Alexei Anna Boris Dmitry Elena Fyodor Igor Irina Ivan Maria Mikhail Nikolai Olga Pavel Sergei Tatyana Valentina Vladimir Yuri".split()
LAST_STEMS = "Abram Belov Volkov Gromov Dorin Yegor Zhukov Zorin Ivanov Kozlov Lebed Morozov Novikov Orlov Petrov Rybak Sokolov Titov Fedorov Chernov".split()
TITLES = ["Governor of the {} Region", "Minister of {}", "Head of the {} Agency", "Chairman of the {} Committee", "Ambassador of {}"]
WORDS = "Volga Amur Baikal Ural Neva Oka Kama Don Lena Ob Irtysh Yenisei Angara Selenga Pechora".split()


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank ** exponent) for rank in range(1, count + 1)]


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if len(text) > 80:
                found.extend(s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if len(s) > 30 and ":" not in s)
    return sorted(set(found))


# The shapes of archive the bench measures: "long", few speakers a
# transcript and long statements (about 2,300 words); "short", 5 to 8
# speakers and about 1,400 words a transcript, with more persons in all
# (about 1,350 in 3,000 transcripts): the costs that grow with statements
# and persons, not with words.
SHAPES = ("long", "short")


class Synth:
    def __init__(self, seed: int, shape: str = "long") -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape {shape!r}: one of {', '.join(SHAPES)}")
        self.shape = shape
        self.random = random.Random(seed)
        r = self.random
        names = sorted({f"{r.choice(FIRST)} {r.choice(LAST_STEMS)}{r.choice(['', 'in', 'ov', 'sky', 'enko', 'ich'])}" for _ in range(6000)})
        r.shuffle(names)
        self.people = names[:2000]
        self.people_titles = {p: r.choice(TITLES).format(r.choice(WORDS)) for p in self.people}
        self.topics = [f"{r.choice(WORDS)} {kind}" for kind in ("policy", "development", "security", "economy", "culture") for _ in range(30)]
        self.topics = sorted(set(self.topics))[:150]
        self.places = sorted({f"{r.choice(WORDS)} {kind}" for kind in ("Region", "Territory", "Republic", "City") for _ in range(40)})[:90]
        self.sentences = sentences()
        self.people_weights = zipf_weights(len(self.people))
        self.short_weights = zipf_weights(len(self.people), 1.18)
        self.topic_weights = zipf_weights(len(self.topics))
        self.place_weights = zipf_weights(len(self.places))

    def paragraph(self) -> str:
        return " ".join(self.random.choice(self.sentences) for _ in range(self.random.randint(1, 6)))

    def transcript(self, number: int) -> str:
        r = self.random
        year = 2001 + number % 25
        month, day = r.randint(1, 12), r.randint(1, 28)
        if self.shape == "short":
            # 4 to 7 guests besides the President, flatter odds: more persons appear.
            guests = list(dict.fromkeys(r.choices(self.people, self.short_weights, k=r.randint(4, 7))))
            turns = r.randint(11, 14)
        else:
            guests = list(dict.fromkeys(r.choices(self.people, self.people_weights, k=r.randint(1, 4))))
            turns = min(180, max(1, int(r.lognormvariate(2.0, 1.0))))
        lines = [
            "Events",
            f"Meeting with {self.people_titles[guests[0]]} {guests[0]} ({number})",
            f"Vladimir Putin met with {self.people_titles[guests[0]]} {', '.join(guests)}.",
            f"{MONTHS[month - 1]} {day}, {year}",
        ]
        if r.random() < 0.6:
            lines.append(f"{r.randint(8, 21)}:{r.choice(['00', '15', '30', '45'])}")
        lines.append(self.paragraph())
        lines.append("* * *")
        for turn in range(turns):
            if self.shape == "short":  # everyone speaks: the President, then each guest in turn
                speaker = "Vladimir Putin" if turn % (len(guests) + 1) == 0 else guests[turn % (len(guests) + 1) - 1]
            else:
                speaker = "Vladimir Putin" if turn % 2 == 0 else r.choice(guests + ["Question"])
            label = speaker if speaker == "Question" or turn > 1 else (
                f"President of Russia {speaker}" if speaker == "Vladimir Putin" else f"{self.people_titles[speaker]} {speaker}")
            lines.append(f"{label}: {self.paragraph()}")
            lines.extend(self.paragraph() for _ in range(r.randint(0, 3) if self.shape == "long" else r.randint(0, 1)))
        places = list(dict.fromkeys(r.choices(self.places, self.place_weights, k=r.randint(1, 2))))
        topics = list(dict.fromkeys(r.choices(self.topics, self.topic_weights, k=r.randint(0, 3))))
        lines += ["Geography", *places]
        if topics:
            lines += ["Topics", *topics]
        lines += ["Persons", *(" ".join(p.split()[::-1]) for p in guests)]
        lines += ["Publication status", "Published in sections: News, Transcripts",
                  f"Publication date: {MONTHS[month - 1]} {day}, {year}", "Text version"]
        return "\n".join(lines) + "\n"


def generate(count: int, out: Path, seed: int = 1, shape: str = "long") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    synth = Synth(seed, shape)
    paths = []
    for number in range(1, count + 1):
        path = out / f"synthetic-{number:05d}.txt"
        path.write_text(synth.transcript(number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic raw transcripts (seeded) into OUT_DIR.")
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="long", help="long: few speakers, long statements; "
                        "short: 5 to 8 speakers and about 1,400 words a transcript, more persons")
    args = parser.parse_args()
    generate(args.count, args.out, args.seed, args.shape)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
