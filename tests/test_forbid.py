"""Static detection of forbidden builtins: what must be flagged (name and line), what must not, hostile input."""

import random
import subprocess
import sys
import textwrap
import time

import pytest

from quizdl.grader.forbid import Use, forbidden_uses

SOFTMAX = [
    "torch.softmax", "torch.nn.functional.softmax", "torch.special.softmax", "scipy.special.softmax", ".softmax",
]
MHA = ["torch.nn.MultiheadAttention"]
F_SOFTMAX = "torch.nn.functional.softmax"


def found(source, forbid=SOFTMAX):
    return [(use.name, use.line) for use in forbidden_uses(textwrap.dedent(source), forbid)]


FLAGGED = [
    # plain imports
    ("import torch\ny = torch.softmax(x, 0)", SOFTMAX, [("torch.softmax", 2)]),
    ("import torch\ny = torch.nn.functional.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("import torch.nn.functional\ny = torch.nn.functional.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("import torch as t\ny = t.softmax(x, 0)", SOFTMAX, [("torch.softmax", 2)]),
    ("import torch.nn.functional as F\n\n\ny = F.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 4)]),
    ("from torch.nn import functional as F\ny = F.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("from torch import nn\ny = nn.functional.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("import torch.nn as nn\ny = nn.functional.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 2)]),
    # from imports: the import line and every later use
    ("from torch import softmax\ny = softmax(x, 0)", SOFTMAX, [("torch.softmax", 1), ("torch.softmax", 2)]),
    ("from torch.nn.functional import softmax as sm\ny = sm(x, 0)", SOFTMAX, [(F_SOFTMAX, 1), (F_SOFTMAX, 2)]),
    ("import os\nfrom torch.nn.functional import *\ny = 1", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("from scipy.special import softmax", SOFTMAX, [("scipy.special.softmax", 1)]),
    # assignment aliases, chains, inside functions and classes
    ("import torch\nf = torch.softmax\ny = f(x, 0)", SOFTMAX, [("torch.softmax", 2), ("torch.softmax", 3)]),
    ("import torch\nF = torch.nn.functional\ny = F.softmax(x, 0)", SOFTMAX, [(F_SOFTMAX, 3)]),
    ("import torch\na = torch\nb = a.nn\nc = b.functional\nd = c.softmax\ny = d(x)", SOFTMAX,
     [(F_SOFTMAX, 5), (F_SOFTMAX, 6)]),
    ("import torch\nF = torch.nn\nF = F.functional\ny = F.softmax(x)", SOFTMAX, [(F_SOFTMAX, 4)]),
    ("import torch\ne, s = torch.exp, torch.softmax\ny = s(x)", SOFTMAX, [("torch.softmax", 2), ("torch.softmax", 3)]),
    ("import torch\ny = (s := torch.special.softmax)(x)", SOFTMAX, [("torch.special.softmax", 2)]),
    (
        """\
        import torch

        def f(x):
            g = torch.special.softmax
            return g(x, 0)
        """,
        SOFTMAX,
        [("torch.special.softmax", 4), ("torch.special.softmax", 5)],
    ),
    (
        """\
        import torch

        class Model(torch.nn.Module):
            def forward(self, x):
                F = torch.nn.functional
                return F.softmax(x, -1)
        """,
        SOFTMAX,
        [(F_SOFTMAX, 6)],
    ),
    # references without a call
    ("import torch.nn.functional as F\nfn = F.softmax", SOFTMAX, [(F_SOFTMAX, 2)]),
    ("import torch.nn.functional as F\nys = list(map(F.softmax, xs))", SOFTMAX, [(F_SOFTMAX, 2)]),
    # getattr, import_module, __import__ with constant strings
    ('import torch\ny = getattr(torch, "softmax")(x, 0)', SOFTMAX, [("torch.softmax", 2)]),
    ('import torch.nn.functional as F\ny = getattr(F, "soft" "max")(x, 0)', SOFTMAX, [(F_SOFTMAX, 2)]),
    ('import torch.nn.functional as F\ny = getattr(F, "soft" + "max")(x, 0)', SOFTMAX, [(F_SOFTMAX, 2)]),
    ('import importlib\ny = importlib.import_module("torch.nn.functional").softmax(x)', SOFTMAX, [(F_SOFTMAX, 2)]),
    ('from importlib import import_module as im\ny = im("torch").softmax(x)', SOFTMAX, [("torch.softmax", 2)]),
    ('y = __import__("torch").softmax(x)', SOFTMAX, [("torch.softmax", 1)]),
    ('y = __import__("torch.nn").nn.functional.softmax(x)', SOFTMAX, [(F_SOFTMAX, 1)]),
    ('y = __import__("torch.nn.functional", fromlist=["x"]).softmax(x)', SOFTMAX, [(F_SOFTMAX, 1)]),
    # methods of any object
    ("y = x.softmax(1)", SOFTMAX, [(".softmax", 1)]),
    ("y = (a + b).softmax(1)", SOFTMAX, [(".softmax", 1)]),
    ("class M:\n    def forward(self, x):\n        return self.fc(x).softmax(-1)", SOFTMAX, [(".softmax", 3)]),
    ('y = getattr(x, "softmax")(1)', SOFTMAX, [(".softmax", 1)]),
    ("import torch\ny = torch.Tensor.softmax(x, -1)", SOFTMAX, [(".softmax", 2)]),
    ("import torch\ny = torch.nn.functional.softmax(x) + x.softmax(0)", SOFTMAX,
     [(F_SOFTMAX, 2), (".softmax", 2)]),
    # an entry covers longer names; a module entry covers its imports
    ("import torch\nm = torch.nn.MultiheadAttention(8, 2)", MHA, [(MHA[0], 2)]),
    ("from torch import nn\nm = nn.MultiheadAttention(8, 2)", MHA, [(MHA[0], 2)]),
    ("from torch.nn import MultiheadAttention", MHA, [(MHA[0], 1)]),
    ("import torch\nm = torch.nn.MultiheadAttention.forward", MHA, [(MHA[0], 2)]),
    ("from torch.nn.modules.activation import MultiheadAttention", MHA, [(MHA[0], 1)]),
    ("import scipy.special\ny = scipy.special.expit(x)", ["scipy.special"],
     [("scipy.special", 1), ("scipy.special", 2)]),
    ("from torch.nn.modules.activation import Softmax", ["torch.nn.modules.activation"],
     [("torch.nn.modules.activation", 1)]),
    # numpy is an ordinary module: np means numpy only when the file says so
    ("import numpy as np\ny = np.exp(x)", ["numpy.exp"], [("numpy.exp", 2)]),
    ("from scipy import special", ["scipy.special"], [("scipy.special", 1)]),
    ("from scipy.special import *", ["scipy.special"], [("scipy.special", 1)]),
    # Python builtins can be forbidden too, unless the file defines its own
    ("y = max(xs)", ["max"], [("max", 1)]),
    ("import builtins\ny = builtins.max(xs)", ["max"], [("max", 2)]),
]


@pytest.mark.parametrize("source, forbid, expected", FLAGGED, ids=[f"flag-{i}" for i in range(len(FLAGGED))])
def test_flagged(source, forbid, expected):
    assert found(source, forbid) == expected


NOT_FLAGGED = [
    ("import torch\n\ndef softmax(x):\n    e = torch.exp(x - x.max())\n    return e / e.sum()\n\ny = softmax(z)",
     SOFTMAX),
    ("import torch\n\ndef f(x):\n    F = x * 2\n    return F.sum() + F.softmax(0)", [F_SOFTMAX, "torch.softmax"]),
    ("import torch\n\ndef f(F):\n    return F.sum()", SOFTMAX),
    ('"""Not torch.softmax."""\ns = "torch.softmax(x)"  # torch.softmax(x), F.softmax\n', SOFTMAX),
    ("import torch\ny = torch.exp(x) / x.sum()", SOFTMAX),
    ("import torch\ny = my_softmax(x) + x.softmax_grad + torch.softmax_grad + x.my_softmax()", SOFTMAX),
    ("import torch.nn.functional as F\ny = F.log_softmax(x, 0)", SOFTMAX),
    ("import torch.nn.functional as F\nfrom torch import nn", SOFTMAX),
    ("from torch import nn\nimport torch.nn", MHA),
    ("import torch\ny = getattr(torch, name)(x)", ["torch.softmax"]),
    ("def getattr(a, b):\n    return a\nimport torch\ny = getattr(torch, 'softmax')", ["torch.softmax"]),
    ("y = np.exp(x)", ["numpy.exp"]),
    ("y = torch.softmax(x)", ["torch.softmax"]),  # never imported: not the library
    ("from .softmax import softmax\nfrom mylib import softmax\ny = softmax(x)", SOFTMAX),
    ("import torch.nn as nn\nclass M:\n    def __init__(self):\n        self.softmax = nn.Softmax(-1)",
     SOFTMAX),  # assigning an attribute is not using one
    ("from torch.nn.functional import relu\nimport torch.nn.functional", SOFTMAX),
    ("def max(xs):\n    return xs[0]\ny = max(xs)", ["max"]),
    ("y = x.sum()", ["sum"]),
    ("import torch\ny = torch.softmax(x, 0)", []),
    ("import torch\ny = torch.softmax(x", SOFTMAX),  # syntax errors are the import check's
]


@pytest.mark.parametrize("source, forbid", NOT_FLAGGED, ids=[f"clean-{i}" for i in range(len(NOT_FLAGGED))])
def test_not_flagged(source, forbid):
    assert found(source, forbid) == []


def test_written_is_how_the_file_spells_it():
    source = (
        "import torch.nn.functional as F\n"
        "from torch import softmax as sm\n"
        "y = F.softmax(x) + getattr(F, 'soft' 'max')(x) + self.fc(x).softmax(-1)\n"
    )
    assert forbidden_uses(source, SOFTMAX) == [
        Use("torch.softmax", 2, "from torch import softmax as sm"),
        Use(F_SOFTMAX, 3, "F.softmax"),
        Use(F_SOFTMAX, 3, "getattr(F, 'softmax')"),
        Use(".softmax", 3, "self.fc(x).softmax"),
    ]


def _garbage(seed, size=20_000):
    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0, 0x3000)) for _ in range(size))


HOSTILE = [
    "import torch\x00\ny = torch.softmax(x)",
    "\udcff import torch",
    bytes(range(256)).decode("latin-1"),
    _garbage(0),
    _garbage(1),
    "x" + ".a" * 100_000 + ".softmax(1)",
    "a" + "+a" * 100_000,
    "-" * 100_000 + "1",
    "(" * 10_000 + ")" * 10_000,
    "x" + "()" * 100_000,
    "x" + "[0]" * 100_000,
    "not " * 100_000 + "x",
    "lambda: " * 100_000 + "x",
]


@pytest.mark.parametrize("source", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_input_is_treated_as_not_parsing(source):
    assert forbidden_uses(source, SOFTMAX) == []


def test_not_a_string_does_not_raise():
    assert forbidden_uses(None, SOFTMAX) == []
    assert forbidden_uses(bytes(range(256)) * 10, SOFTMAX) == []


def test_deep_but_parseable_chain_is_still_reported():
    source = "y = x" + ".a" * 1000 + ".softmax(1)"
    assert found(source) == [(".softmax", 1)]


def test_huge_file_is_scanned_quickly():
    source = "import torch\n" + "y = torch.exp(x).sum() + f(x)[0]\n" * 20_000 + "z = torch.softmax(y, 0)\n"
    start = time.perf_counter()
    assert found(source) == [("torch.softmax", 20_002)]
    assert time.perf_counter() - start < 30


def test_importing_the_module_does_not_load_numpy_or_torch():
    code = "import sys, quizdl.grader.forbid; print(sorted(m for m in ('numpy', 'torch') if m in sys.modules))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.stdout.strip() == "[]", completed.stderr


def _bundled_forbid_entries():
    from quizdl.bank.catalog import load_catalog

    return [(q.id, entry) for q in load_catalog().select(kinds=["code"]) for entry in q.forbid or []]


def _a_use_of(entry: str) -> str:
    """Source that uses `entry` the way a candidate would: `x.name(...)` for a method, else its module imported
    under a short name and the rest reached through it (`import torch.nn.functional as m; m.softmax`)."""
    if entry.startswith("."):
        return f"def shortcut(x):\n    return x{entry}(0)\n"
    module, _, rest = entry.partition(".")
    return f"import {module} as m\n\n\ndef shortcut(x):\n    return m{'.' + rest if rest else ''}(x)\n"


@pytest.mark.parametrize("exercise, entry", _bundled_forbid_entries(), ids=lambda v: v)
def test_every_listed_builtin_of_every_exercise_is_caught_in_its_reference(exercise, entry):
    """The reference itself never uses what its exercise forbids, and the same file with a use of any listed
    builtin added is flagged on the line of that use."""
    from quizdl.bank.catalog import load_catalog
    from quizdl.grader.judge import solution_path

    question = load_catalog().question(exercise)
    reference = solution_path(question).read_text(encoding="utf-8")
    assert forbidden_uses(reference, question.forbid) == []
    uses = forbidden_uses(reference + "\n\n" + _a_use_of(entry), question.forbid)
    assert uses and uses[0].line > reference.count("\n"), f"{entry} not caught: {uses}"
