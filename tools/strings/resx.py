"""Adds missing keys to the three resx files. S maps key -> (en, ru, kk)."""
import os, re
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "Qadam.Web", "Resources")


def write(S):
    for idx, name in enumerate(["SharedResource.resx", "SharedResource.ru.resx", "SharedResource.kk.resx"]):
        path = os.path.join(ROOT, name)
        text = open(path, encoding="utf-8").read()
        have = set(re.findall(r'<data name="([^"]+)"', text))
        add = "".join(f'  <data name="{k}" xml:space="preserve"><value>{escape(v[idx])}</value></data>\n' for k, v in S.items() if k not in have)
        text = text.replace("</root>", add + "</root>")
        open(path, "w", encoding="utf-8").write(text)
    print(len(S), "keys")


def replace(S):
    """Sets the keys of S in the three resx files, replacing values that exist."""
    for idx, name in enumerate(["SharedResource.resx", "SharedResource.ru.resx", "SharedResource.kk.resx"]):
        path = os.path.join(ROOT, name)
        text = open(path, encoding="utf-8").read()
        for k in S:
            text = re.sub(r'  <data name="' + re.escape(k) + r'"[^>]*>.*?</data>\n', "", text, flags=re.S)
        open(path, "w", encoding="utf-8").write(text)
    write(S)
